package dev.shardline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One camera on AWS's PutMedia wire: a chunked HTTP/1.1 request over a raw socket whose body is written frame by frame
 * at real time, the acknowledgements (JSON lines on the chunked response) read on a thread of its own. Records, per
 * fragment, when its last byte was written and when its PERSISTED acknowledgement came.
 */
final class VideoProducer implements AutoCloseable {

    private static final Pattern EVENT = Pattern.compile("\"EventType\":\"(\\w+)\"");
    private static final Pattern TIMECODE = Pattern.compile("\"FragmentTimecode\":(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("\"FragmentNumber\":\"(\\d+)\"");

    private final Socket socket;
    private final OutputStream out;
    private final Thread reader;
    private final Map<Long, Long> lastByteNanos = new ConcurrentHashMap<>();
    private final Map<Long, Integer> fragmentBytes = new ConcurrentHashMap<>();
    private final LongList latencies = new LongList(); // guarded by itself
    /** Per fragment number: when its last byte went out, for fragments acknowledged PERSISTED. */
    final Map<String, Long> lastByteByNumber = new ConcurrentHashMap<>();

    final AtomicLong persisted = new AtomicLong();
    final AtomicLong persistedBytes = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    volatile String firstError;

    VideoProducer(String host, int port, String streamName) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        String request = "POST /putMedia HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=000000000000/20260101/us-east-1/kinesisvideo/aws4_request,"
                + " SignedHeaders=host, Signature=0\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n"
                + "x-amzn-stream-name: " + streamName + "\r\n"
                + "x-amzn-fragment-timecode-type: ABSOLUTE\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        reader = new Thread(this::readAcks, "acks-" + streamName);
        reader.setDaemon(true);
        reader.start();
    }

    void send(byte[] bytes) throws IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends one piece of fragment {@code timecode}; the last piece marks when the fragment's last byte went out. */
    void sendPiece(long timecode, List<byte[]> pieces, int index) throws IOException {
        boolean last = index == pieces.size() - 1;
        if (last) { // before the send, so an acknowledgement cannot come first; the time is set again after it
            fragmentBytes.put(timecode, pieces.stream().mapToInt(p -> p.length).sum());
            lastByteNanos.put(timecode, System.nanoTime());
        }
        send(pieces.get(index));
        if (last) {
            long sent = System.nanoTime();
            lastByteNanos.computeIfPresent(timecode, (k, v) -> sent);
        }
    }

    /** Fragments sent whole and not yet PERSISTED. */
    int unacknowledged() {
        return lastByteNanos.size();
    }

    void drainLatencies(LongList into) {
        synchronized (latencies) {
            into.addAll(latencies);
        }
    }

    void finish() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void readAcks() {
        try (InputStream in = socket.getInputStream()) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                onLine(line.toString());
                line.setLength(0);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void onLine(String line) {
        Matcher event = EVENT.matcher(line);
        if (!event.find()) {
            return; // the status line, headers and chunk sizes
        }
        Matcher timecode = TIMECODE.matcher(line);
        if (event.group(1).equals("PERSISTED") && timecode.find()) {
            long now = System.nanoTime();
            long tc = Long.parseLong(timecode.group(1));
            Long sent = lastByteNanos.remove(tc);
            Integer bytes = fragmentBytes.remove(tc);
            Matcher number = NUMBER.matcher(line);
            if (sent != null && number.find()) {
                lastByteByNumber.put(number.group(1), sent);
            }
            if (sent != null) {
                synchronized (latencies) {
                    latencies.add(now - sent);
                }
                persisted.incrementAndGet();
                persistedBytes.addAndGet(bytes == null ? 0 : bytes);
            }
        } else if (event.group(1).equals("ERROR")) {
            errors.incrementAndGet();
            if (firstError == null) {
                firstError = line;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
