package dev.shardline.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * The edge's bounds over real HTTP, in {@link AwsRestJsonEndpointTest}'s context (8 worker threads, a 2 s connection
 * timeout, 64 KB bodies, a 200 KB budget): slow clients hold no thread, idle ones are closed, oversized bodies get 413
 * in the API's shape, bodies past the budget a fast 503.
 */
@SpringBootTest(
        classes = AwsRestJsonEndpointTest.ToyApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.tomcat.threads.max=8",
            "server.tomcat.connection-timeout=2s",
            "shardline.edge.max-rest-request-size=64KB",
            "shardline.aws.max-request-size=64KB",
            "shardline.edge.max-buffered-request-bytes=200KB"
        })
class EdgeBoundsTest {

    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=123456789012/20261202/eu-west-1/kinesisvideo/"
            + "aws4_request, SignedHeaders=host, Signature=0";

    @Value("${local.server.port}")
    int port;

    @Autowired
    FilterRegistrationBean<BodyPrefetchFilter> prefetch;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void closeHeld() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void slowBodiesHoldNoWorkerThread() throws Exception {
        for (int i = 0; i < 16; i++) { // twice as many as there are threads
            hold("POST /createStream HTTP/1.1\r\nHost: x\r\nAuthorization: " + SIGNED
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
        }
        var trickler = trickle();
        try {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = post("/createStream", "{\"StreamName\":\"cam\"}");
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                if (i == 0) {
                    for (Socket socket : held) {
                        socket.setSoTimeout(50);
                        assertThat(readOrTimeout(socket)).as("still held").isEqualTo("timeout");
                    }
                }
            }
        } finally {
            trickler.shutdownNow();
        }
    }

    @Test
    void connectionsIdleMidRequestAreClosedAfterTheConnectionTimeout() throws Exception {
        for (int i = 0; i < 4; i++) {
            hold("GET /v1/echo HTTP/1.1\r\nHost: x\r\nX-Never: ");
            hold("POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nab");
        }
        long start = System.nanoTime();
        for (Socket socket : held) {
            socket.setSoTimeout(10_000);
            while (socket.getInputStream().read() >= 0) {
                // an answer (408 for the body) may come before the end
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(1500), Duration.ofMillis(4000));
    }

    @Test
    void anOversizedRestBodyIsRefusedAsProblemDetailsBeforeItIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            // declares 95 MiB and waits to be told to send it, as curl and the AWS SDKs do for large bodies
            socket.getOutputStream()
                    .write(("POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\n"
                                    + "Content-Length: " + (95L << 20) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer)
                    .startsWith("HTTP/1.1 413")
                    .contains("Content-Type: application/problem+json", "\"status\":413")
                    .contains("Request body exceeds the maximum request size of 65536 bytes")
                    .doesNotContain("100 Continue");
        }
    }

    @Test
    void anOversizedChunkedBodyIsRefusedOnceItPassesTheCap() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            var out = socket.getOutputStream();
            out.write(("POST /createStream HTTP/1.1\r\nHost: x\r\nAuthorization: " + SIGNED
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 8; i++) { // 128 KiB, twice the cap
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException stoppedReading) {
                // the answer below is what counts
            }
            String answer = new String(socket.getInputStream().readNBytes(2048), StandardCharsets.UTF_8);
            assertThat(answer)
                    .startsWith("HTTP/1.1 413")
                    .contains("x-amzn-ErrorType: RequestEntityTooLargeException")
                    .contains("\"__type\":\"RequestEntityTooLargeException\"");
        }
    }

    @Test
    void bodiesPastTheBudgetGetAFast503() throws Exception {
        BodyPrefetchFilter filter = prefetch.getFilter();
        byte[] part = new byte[60 * 1024];
        java.util.Arrays.fill(part, (byte) ' ');
        for (int i = 0; i < 3; i++) { // 180 KB of the 200 KB budget, held
            Socket socket = hold("POST /createStream HTTP/1.1\r\nHost: x\r\nAuthorization: " + SIGNED
                    + "\r\nContent-Type: application/json\r\nContent-Length: 65000\r\n\r\n");
            socket.getOutputStream().write(part);
        }
        var trickler = trickle();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> filter.bufferedBytes() >= 3 * part.length);

            HttpResponse<String> answer = post("/createStream", "{\"StreamName\":\"" + "c".repeat(30 * 1024) + "\"}");

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("x-amzn-ErrorType")).hasValue("ServiceUnavailable");
            assertThat(post("/createStream", "{\"StreamName\":\"cam\"}").statusCode())
                    .as("a small body still fits")
                    .isEqualTo(200);
        } finally {
            trickler.shutdownNow();
        }
    }

    /** One byte every 250 ms on each held connection: idle less than the connection timeout. */
    private java.util.concurrent.ScheduledExecutorService trickle() {
        var trickler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        trickler.scheduleAtFixedRate(
                () -> held.forEach(socket -> {
                    try {
                        socket.getOutputStream().write(' ');
                    } catch (IOException closed) {
                        // seen by the test's own checks
                    }
                }),
                250,
                250,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return trickler;
    }

    private Socket hold(String opening) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(opening.getBytes(StandardCharsets.US_ASCII));
        held.add(socket);
        return socket;
    }

    private static String readOrTimeout(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            return in.read() < 0 ? "closed" : "answered";
        } catch (java.net.SocketTimeoutException e) {
            return "timeout";
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", SIGNED)
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
