package dev.shardline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The edge over real HTTP: backends are plain HTTP servers that answer with their own name, the method, the path and
 * the number of body bytes they read, so a wrong route or a lost body shows in the answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    private static final HttpServer STREAMS_A = backend("streams-a");
    private static final HttpServer STREAMS_B = backend("streams-b");
    private static final HttpServer FIREHOSE = backend("firehose");
    private static final HttpServer ANALYTICS = backend("analytics");
    private static final HttpServer VIDEO = backend("video");

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    ClientHttpRequestFactoryBuilder<?> backendRequests;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        String prefix = "spring.cloud.discovery.client.simple.instances.";
        registry.add(prefix + "streams[0].uri", () -> uri(STREAMS_A));
        registry.add(prefix + "streams[1].uri", () -> uri(STREAMS_B));
        registry.add(prefix + "firehose[0].uri", () -> uri(FIREHOSE));
        registry.add(prefix + "analytics[0].uri", () -> uri(ANALYTICS));
        registry.add(prefix + "video[0].uri", () -> uri(VIDEO));
    }

    @AfterAll
    static void stopBackends() {
        for (HttpServer server : new HttpServer[] {STREAMS_A, STREAMS_B, FIREHOSE, ANALYTICS, VIDEO}) {
            server.stop(0);
        }
    }

    @Test
    void routesAwsJsonCallsByTargetPrefix() throws Exception {
        assertThat(target("Firehose_20150804.PutRecord")).startsWith("firehose POST / 2");
        assertThat(target("KinesisAnalytics_20180523.ListApplications")).startsWith("analytics POST / 2");
        assertThat(target("Kinesis_20131202.PutRecord")).startsWith("streams-");
        assertThat(target("DynamoDB_20120810.GetItem")).startsWith("streams-");
    }

    @Test
    void forwardsTheHeadersASignatureCoversAsTheClientSentThem() throws Exception {
        // SigV4 covers Host and Content-Type, and for many SDKs Content-Length: the services verify them as sent
        assertThat(target("Kinesis_20131202.PutRecord"))
                .endsWith(" host=127.0.0.1:" + port + " content-type=application/x-amz-json-1.1 content-length=2");
    }

    @Test
    void forwardsTheAuthorityOfAnHttp2RequestAsItsHost() throws Exception {
        // HTTP/2 has no Host header: the client signed its :authority as host
        HttpClient http2 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = http2.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                            .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                            .header("Content-Type", "application/x-amz-json-1.1")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body()).contains(" host=127.0.0.1:" + port + " ");
        }
    }

    @Test
    void talksHttp11ToTheServicesSoTheClientsHostNeverContradictsAnAuthority() {
        // over HTTP/2 Tomcat resets a stream whose Host differs from its :authority, as the forwarded Host does (the
        // stub backends here speak HTTP/1.1 only, so the client the edge proxies with is looked at instead)
        HttpClient client = (HttpClient) ReflectionTestUtils.getField(backendRequests.build(), "httpClient");
        assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    @Test
    void balancesOneServiceOverItsInstances() throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            seen.add(target("Kinesis_20131202.ListStreams").split(" ")[0]);
        }
        assertThat(seen).containsExactlyInAnyOrder("streams-a", "streams-b");
    }

    @Test
    void routesRestAndVideoPathsToTheirService() throws Exception {
        assertThat(get("/v1/delivery-streams")).startsWith("firehose GET /v1/delivery-streams");
        assertThat(get("/v1/applications/app1")).startsWith("analytics GET /v1/applications/app1");
        assertThat(get("/v1/video-streams")).startsWith("video GET /v1/video-streams");
        assertThat(get("/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=x"))
                .startsWith("video GET /hls/v1/getHLSMasterPlaylist.m3u8");
        assertThat(get("/v1/streams/orders")).startsWith("streams-");
        // CloudWatch as the SDK v2 (and so the KCL) sends it: Smithy RPC v2 CBOR, addressed by path
        HttpRequest cbor = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/service/GraniteServiceVersion20100801/operation/PutMetricData"))
                .header("Content-Type", "application/cbor")
                .header("smithy-protocol", "rpc-v2-cbor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xA0}))
                .build();
        assertThat(http.send(cbor, HttpResponse.BodyHandlers.ofString()).body()).startsWith("streams-");
    }

    @Test
    void passesALongChunkedUploadThroughWhole() throws Exception {
        int size = 8 * 1024 * 1024;
        // an InputStream body of unknown length: the client sends it chunked, as a PutMedia producer does
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/putMedia"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private int left = size;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'x' : -1;
                    }
                }))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("video POST /putMedia " + size);
    }

    @Test
    void answersNotFoundForWhatNoServiceServes() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nothing-here"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private String target(String target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String get(String path) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static HttpServer backend(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                long read = exchange.getRequestBody().transferTo(OutputStreamSink.INSTANCE);
                String path = exchange.getRequestURI().getPath();
                String answer = name + " " + exchange.getRequestMethod() + " " + path + " " + read;
                if (path.equals("/")) {
                    Headers headers = exchange.getRequestHeaders();
                    answer += " host=" + headers.getFirst("Host") + " content-type="
                            + headers.getFirst("Content-Type") + " content-length="
                            + headers.getFirst("Content-Length");
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uri(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Counts and drops what the backend reads. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
