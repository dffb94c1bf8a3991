package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The all-in-one runtime as a separate process, killed with SIGKILL while a producer streams PutMedia, then started
 * again on the same data directory: every fragment acknowledged PERSISTED before the kill is listed by ListFragments
 * and its media can be read.
 */
class VideoCrashRecoveryTest {

    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final String SIGNED =
            "AWS4-HMAC-SHA256 Credential=000000000000/20261203/us-east-1/kinesisvideo/aws4_request, "
                    + "SignedHeaders=host, Signature=0";
    private static final Pattern NUMBER =
            Pattern.compile("\"EventType\":\"PERSISTED\".*?\"FragmentNumber\":\"(\\d+)\"");

    @TempDir
    Path dataDir;

    private Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void everyFragmentAcknowledgedPersistedSurvivesAKill() throws Exception {
        int port = freePort();
        process = start(port);
        post(port, "/createStream", "{\"StreamName\":\"cam\",\"DataRetentionInHours\":1}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> post(port, "/describeStream", "{\"StreamName\":\"cam\"}")
                        .contains("\"ACTIVE\""));

        List<String> persisted = new CopyOnWriteArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /putMedia HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + SIGNED
                            + "\r\nx-amzn-stream-name: cam\r\nx-amzn-fragment-timecode-type: ABSOLUTE\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread reader = readAcks(socket.getInputStream(), persisted);
            chunk(out, header());
            long start = 1_764_770_400_000L;
            for (int i = 0; persisted.size() < 5 && i < 500; i++) {
                chunk(out, cluster(start + i * 1000L));
                Thread.sleep(20);
            }
            // killed while the producer is still sending: the fragments in flight may be lost, no acknowledged one
            process.destroyForcibly().waitFor();
            reader.join(10_000);
        }
        List<String> acknowledged = List.copyOf(persisted);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(5);

        process = start(port);
        String listed = post(port, "/listFragments", "{\"StreamName\":\"cam\",\"MaxResults\":1000}");
        for (String number : acknowledged) {
            assertThat(listed).contains("\"FragmentNumber\":\"" + number + "\"");
        }
        HttpResponse<byte[]> media = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/getMediaForFragmentList"))
                        .header("Authorization", SIGNED)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"StreamName\":\"cam\",\"Fragments\":[\""
                                + String.join("\",\"", acknowledged) + "\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.body()).startsWith(0x1A, 0x45, 0xDF, 0xA3);
    }

    private static Thread readAcks(InputStream in, List<String> persisted) {
        Thread reader = new Thread(() -> {
            StringBuilder text = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    Matcher m = NUMBER.matcher(text);
                    persisted.clear();
                    while (m.find()) {
                        persisted.add(m.group(1));
                    }
                }
            } catch (IOException gone) {
                // the server was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void chunk(OutputStream out, byte[] bytes) throws IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String post(int port, String path, String body) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", SIGNED)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** EBML header, Segment of unknown size, one H.264 track (the server does not decode frames). */
    private static byte[] header() {
        ByteArrayOutputStream mkv = new ByteArrayOutputStream();
        mkv.writeBytes(element(0x1A45DFA3, element(0x4282, "matroska".getBytes(StandardCharsets.US_ASCII))));
        mkv.writeBytes(new byte[] {0x18, 0x53, (byte) 0x80, 0x67, 0x01, -1, -1, -1, -1, -1, -1, -1});
        mkv.writeBytes(element(
                0x1654AE6B,
                element(0xAE, concat(element(0xD7, new byte[] {1}), element(0x86, "V_MPEG4/ISO/AVC".getBytes())))));
        return mkv.toByteArray();
    }

    /** A cluster at {@code timecode} with ten 4 KiB blocks, 100 ms apart. */
    private static byte[] cluster(long timecode) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(
                element(0xE7, ByteBuffer.allocate(8).putLong(timecode).array()));
        for (int i = 0; i < 10; i++) {
            byte[] block = new byte[4 + 4096];
            block[0] = (byte) 0x81;
            block[1] = (byte) ((i * 100) >>> 8);
            block[2] = (byte) (i * 100);
            block[3] = (byte) (i == 0 ? 0x80 : 0);
            content.writeBytes(element(0xA3, block));
        }
        return element(0x1F43B675, content.toByteArray());
    }

    private static byte[] element(int id, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        for (int i = length - 1; i >= 0; i--) {
            out.write(id >>> (8 * i));
        }
        byte[] size = ByteBuffer.allocate(8).putLong(content.length).array();
        size[0] = 0x01;
        out.writeBytes(size);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private Process start(int port) throws IOException {
        return LaunchedRuntime.start(dataDir, port, STARTUP, List.of("-Xmx512m"), "--shardline.s3.port=0");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
