package dev.shardline.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections that a slow or hostile client holds open: each sent an opening (a request line and part of its header, or
 * a whole header that declares a body) and then trickles one byte at a time, never finishing its request. (A copy of
 * the benchmark's {@code dev.shardline.bench.HeldConnections}, which runs the same abuse longer and wider.)
 */
final class HeldConnections implements AutoCloseable {

    private final List<SocketChannel> channels = new ArrayList<>();
    private final List<Long> closedAt = new ArrayList<>();
    private final ByteBuffer sink = ByteBuffer.allocate(4096);
    private int refused;

    /** A request line and the start of a header that never ends. */
    static String slowloris(String host) {
        return "GET /actuator/health HTTP/1.1\r\nHost: " + host + "\r\nX-Slow: ";
    }

    /** A whole PutRecord header that declares a body of which nothing arrives yet. */
    static String slowBody(String host) {
        return "POST / HTTP/1.1\r\nHost: " + host + "\r\nX-Amz-Target: Kinesis_20131202.PutRecord\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nAuthorization: AWS4-HMAC-SHA256 "
                + "Credential=AKIDEXAMPLE/20261203/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0\r\n"
                + "Content-Length: 100000\r\n\r\n{";
    }

    /** Opens {@code count} connections, each sending {@code opening}; connections the server did not take count as refused. */
    static HeldConnections open(InetSocketAddress address, int count, String opening) {
        HeldConnections held = new HeldConnections();
        byte[] bytes = opening.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            try {
                SocketChannel channel = SocketChannel.open();
                channel.socket().connect(address, 2000);
                channel.write(ByteBuffer.wrap(bytes));
                channel.configureBlocking(false);
                held.channels.add(channel);
                held.closedAt.add(0L);
            } catch (IOException e) {
                held.refused++;
            }
        }
        return held;
    }

    int refused() {
        return refused;
    }

    int size() {
        return channels.size();
    }

    /** One more byte on every connection still open. */
    void trickle() {
        for (int i = 0; i < channels.size(); i++) {
            if (closedAt.get(i) == 0) {
                try {
                    channels.get(i).write(ByteBuffer.wrap(new byte[] {'a'}));
                } catch (IOException e) {
                    closedAt.set(i, System.nanoTime());
                }
            }
        }
    }

    /** How many the server has not closed yet (an answer without a close still counts as open). */
    int stillOpen() {
        int open = 0;
        for (int i = 0; i < channels.size(); i++) {
            if (closedAt.get(i) != 0) {
                continue;
            }
            try {
                int n;
                do {
                    sink.clear();
                    n = channels.get(i).read(sink);
                } while (n > 0);
                if (n < 0) {
                    closedAt.set(i, System.nanoTime());
                } else {
                    open++;
                }
            } catch (IOException e) {
                closedAt.set(i, System.nanoTime());
            }
        }
        return open;
    }

    /** The latest moment, in {@link System#nanoTime()}, at which the server closed one of them. */
    long lastClosedAt() {
        return closedAt.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    @Override
    public void close() {
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
