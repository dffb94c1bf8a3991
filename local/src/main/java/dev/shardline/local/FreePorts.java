package dev.shardline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports, chosen before a server binds them so that its address can be handed on while it starts. */
final class FreePorts {

    private FreePorts() {}

    /** {@code count} distinct ports that are free on {@code host} now. */
    static int[] on(String host, int count) {
        // Hold every socket open until all are bound so the ports are distinct from each other.
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket();
                sockets[i].setReuseAddress(true);
                sockets[i].bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            }
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find free ports on " + host, e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // Closing a probe socket cannot affect the ports already read.
                    }
                }
            }
        }
    }
}
