package io.meridian.config;

/** How an endpoint is probed; written in upper case in YAML. */
public enum Protocol {
    HTTP(80), HTTPS(443), TCP(0);

    private final int defaultPort;

    Protocol(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** 80 for HTTP, 443 for HTTPS; 0 for TCP, which has no default and needs an explicit port. */
    public int defaultPort() {
        return defaultPort;
    }
}
