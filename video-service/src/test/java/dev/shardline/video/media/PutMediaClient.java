package dev.shardline.video.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PutMedia producer as AWS's wire has it: one HTTP/1.1 request over a raw socket whose body is sent in chunks as the
 * media is made, while the acknowledgements (a chunked response of JSON lines) are read on a thread of their own.
 */
final class PutMediaClient implements AutoCloseable {

    /** The end of the response, in place of an acknowledgement. */
    static final JsonNode END = JsonMapper.shared().createObjectNode().put("EventType", "<end>");

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<JsonNode> acks = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile int status;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private final ByteArrayOutputStream rawBody = new ByteArrayOutputStream();

    PutMediaClient(int port, String account, Map<String, String> headers) throws IOException {
        this(port, account, "eu-west-1", headers);
    }

    /** A producer that signs for {@code region} (the credential scope names the stream's region). */
    PutMediaClient(int port, String account, String region, Map<String, String> headers) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        StringBuilder request = new StringBuilder("POST /putMedia HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:")
                .append(port)
                .append("\r\n")
                .append("Authorization: AWS4-HMAC-SHA256 Credential=")
                .append(account)
                .append("/20261203/")
                .append(region)
                .append("/kinesisvideo/aws4_request, SignedHeaders=host, Signature=0\r\n")
                .append("Transfer-Encoding: chunked\r\n")
                .append("Connection: close\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        reader = new Thread(this::readResponse, "putmedia-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends {@code bytes} as one chunk of the body. */
    void send(byte[] bytes) throws IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Ends the body. */
    void finish() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The next acknowledgement (or {@link #END}), waiting up to {@code timeout}. */
    JsonNode nextAck(Duration timeout) throws InterruptedException {
        JsonNode ack = acks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (ack == null) {
            throw new AssertionError("no acknowledgement within " + timeout + "; status " + status + ", body so far "
                    + rawBody.toString(StandardCharsets.UTF_8));
        }
        return ack;
    }

    /** Every acknowledgement until the response ends. */
    List<JsonNode> acksUntilEnd(Duration timeout) throws InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode ack = nextAck(timeout); ack != END; ack = nextAck(timeout)) {
            all.add(ack);
        }
        return all;
    }

    /** The response's status; read it after the first acknowledgement or the end. */
    int status() {
        return status;
    }

    String header(String name) {
        return responseHeaders.get(name.toLowerCase());
    }

    String body() {
        return rawBody.toString(StandardCharsets.UTF_8);
    }

    private void readResponse() {
        try {
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            status = Integer.parseInt(statusLine.split(" ")[1]);
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                responseHeaders.put(
                        header.substring(0, colon).trim().toLowerCase(),
                        header.substring(colon + 1).trim());
            }
            boolean chunked = "chunked".equalsIgnoreCase(responseHeaders.get("transfer-encoding"));
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line(in).trim(), 16);
                        size > 0;
                        size = Integer.parseInt(line(in).trim(), 16)) {
                    byte[] chunk = in.readNBytes(size);
                    line(in);
                    rawBody.writeBytes(chunk);
                    pending.writeBytes(chunk);
                    pending = emitLines(pending);
                }
            } else {
                String length = responseHeaders.get("content-length");
                byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
                rawBody.writeBytes(body);
                pending.writeBytes(body);
                pending = emitLines(pending);
            }
        } catch (IOException | RuntimeException e) {
            // the connection ended; END below tells the test
        } finally {
            acks.add(END);
        }
    }

    private ByteArrayOutputStream emitLines(ByteArrayOutputStream pending) {
        String text = pending.toString(StandardCharsets.UTF_8);
        int newline;
        while ((newline = text.indexOf('\n')) >= 0) {
            String line = text.substring(0, newline).trim();
            text = text.substring(newline + 1);
            if (!line.isEmpty()) {
                acks.add(JsonMapper.shared().readTree(line));
            }
        }
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return rest;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (c == -1 && line.isEmpty()) {
            throw new IOException("the connection closed");
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
