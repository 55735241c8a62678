package io.meridian.dns;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The JNI shim of {@link MmsgUdpSockets}, {@code src/main/c/meridian_mmsg.c}: the Maven build
 * compiles it into the jar as {@link #LIBRARY} when a C compiler is there. Loaded once, from a
 * temporary copy (deleted again once mapped); where it is missing or does not load,
 * {@link #unavailable()} says why and the transport is not used. The buffer layout is described
 * in the C source.
 */
final class MmsgNative {

    /** The shim's interface version; a library of another version is not used. */
    static final int ABI_VERSION = 1;
    static final String LIBRARY = "libmeridian-mmsg-linux-" + System.getProperty("os.arch") + ".so";
    static final String RESOURCE = "/META-INF/native/" + LIBRARY;
    /** Per-slot layout of the meta buffer, in ints (see the C source). */
    static final int META_INTS = 8;
    static final int PEER_BYTES = 16;
    static final int IN = 0;
    static final int OUT = 1;
    static final int META = 2;
    static final int PEERS = 3;

    private static final Throwable UNAVAILABLE = load(RESOURCE);

    private MmsgNative() {
    }

    /** Why the shim cannot be used here, or null when it can. */
    static Throwable unavailable() {
        return UNAVAILABLE;
    }

    /** Loads the library from the class path; the reason it could not, or null. */
    static Throwable load(String resource) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new UnsupportedOperationException("recvmmsg/sendmmsg: Linux only, this is " + System.getProperty("os.name"));
        }
        try (InputStream in = MmsgNative.class.getResourceAsStream(resource)) {
            if (in == null) {
                return new FileNotFoundException(resource + " is not in the jar (built without a C compiler?)");
            }
            Path copy = Files.createTempFile("meridian-mmsg-", ".so");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(copy); // the mapping outlives the file
            }
            int version = abiVersion();
            return version == ABI_VERSION ? null
                    : new UnsatisfiedLinkError(resource + " has interface version " + version + " (expected: " + ABI_VERSION + ")");
        } catch (IOException | LinkageError | SecurityException e) {
            return e;
        }
    }

    static native int abiVersion();

    /** A bound UDP socket (SOCK_CLOEXEC), IPv4 for a 4-byte address, else IPv6; its descriptor. */
    static native int open(byte[] address, int scopeId, int port, boolean reusePort, int socketBuffer) throws IOException;

    static native int localPort(int fd) throws IOException;

    /** Closes a descriptor that has no context yet. */
    static native void close(int fd);

    /** Wakes a blocked {@link #receive}, which then returns 0; the descriptor stays open. */
    static native void shutdown(int fd);

    /** The buffers and message vectors of one socket; {@link #destroy} frees them and closes fd. */
    static native long create(int fd, int batch, int slot, int outCapacity) throws IOException;

    /** A direct view of one of the context's buffers ({@link #IN}, {@link #OUT}, {@link #META}, {@link #PEERS}). */
    static native ByteBuffer buffer(long ctx, int which);

    /** Blocks for at least one datagram, returns the number received (at most batch); 0 once shut down. */
    static native int receive(long ctx) throws IOException;

    /** Sends the first {@code count} responses described in meta with one sendmmsg; how many were sent. */
    static native int send(long ctx, int count);

    static native void destroy(long ctx);
}
