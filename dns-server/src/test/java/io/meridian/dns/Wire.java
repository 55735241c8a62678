package io.meridian.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Raw UDP and TCP DNS clients for tests that need bytes, not a resolver. */
final class Wire {

    private Wire() {
    }

    /** Sends one datagram and returns the response, or null when none came within 5 s. */
    static byte[] udp(InetSocketAddress server, byte[] query) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0))) { // v4 or v6 alike
            s.setSoTimeout(5000);
            s.send(new DatagramPacket(query, query.length, server));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return java.util.Arrays.copyOf(buf, p.getLength());
        }
    }

    static Socket tcp(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.connect(server, 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    static void writeFrame(OutputStream out, byte[] message) throws IOException {
        out.write(message.length >>> 8);
        out.write(message.length & 0xff);
        out.write(message);
    }

    static byte[] readFrame(DataInputStream in) throws IOException {
        int len = in.readUnsignedShort();
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }
}
