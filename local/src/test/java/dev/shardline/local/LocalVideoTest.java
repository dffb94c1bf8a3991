package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The video service composed into the all-in-one runtime: its REST-JSON face on the one port, its schema beside the
 * others', and PutMedia's fragments in the embedded S3 endpoint.
 */
class LocalVideoTest {

    private static final String SIGNED =
            "AWS4-HMAC-SHA256 Credential=000000000000/20261203/us-east-1/kinesisvideo/aws4_request, "
                    + "SignedHeaders=host, Signature=0";

    private static ConfigurableApplicationContext app;
    private static URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startShardline() throws IOException {
        app = LocalApplication.application()
                .run(
                        "--server.port=0",
                        "--shardline.data-dir=" + Files.createTempDirectory("shardline-video"),
                        "--shardline.s3.port=" + freePort());
        endpoint = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopShardline() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aStreamTakesMediaIntoTheEmbeddedObjectStore() throws Exception {
        assertThat(app.getEnvironment().getProperty("shardline.video.s3.endpoint"))
                .isEqualTo(app.getEnvironment().getProperty("shardline.firehose.s3.endpoint"));
        HttpResponse<String> created = post("/createStream", "{\"StreamName\":\"door\",\"DataRetentionInHours\":1}");
        assertThat(created.body()).contains("arn:aws:kinesisvideo:us-east-1:000000000000:stream/door/");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> post("/describeStream", "{\"StreamName\":\"door\"}")
                        .body()
                        .contains("\"ACTIVE\""));
        assertThat(http.send(
                                HttpRequest.newBuilder(endpoint.resolve("/v1/video-streams/door"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .contains("\"status\":\"ACTIVE\"");

        HttpResponse<String> acks = http.send(
                HttpRequest.newBuilder(endpoint.resolve("/putMedia"))
                        .header("Authorization", SIGNED)
                        .header("x-amzn-stream-name", "door")
                        .header("x-amzn-fragment-timecode-type", "ABSOLUTE")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(oneFragment()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(acks.statusCode()).isEqualTo(200);
        assertThat(acks.body().lines().map(l -> l.replaceAll(".*\"EventType\":\"([A-Z]+)\".*", "$1")))
                .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
        try (S3Client s3 = s3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket("shardline-video")).contents())
                    .anySatisfy(o -> assertThat(o.key()).endsWith(".mkv"));
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(endpoint.resolve(path))
                        .header("Authorization", SIGNED)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The smallest MKV PutMedia takes: EBML header, Segment, one track, one cluster with one block. */
    private static byte[] oneFragment() {
        ByteArrayOutputStream mkv = new ByteArrayOutputStream();
        mkv.writeBytes(element(0x1A45DFA3, element(0x4282, "matroska".getBytes(StandardCharsets.US_ASCII))));
        mkv.writeBytes(new byte[] {0x18, 0x53, (byte) 0x80, 0x67, 0x01, -1, -1, -1, -1, -1, -1, -1});
        mkv.writeBytes(element(
                0x1654AE6B,
                element(0xAE, concat(element(0xD7, new byte[] {1}), element(0x86, "V_MPEG4/ISO/AVC".getBytes())))));
        byte[] block = {(byte) 0x81, 0, 0, (byte) 0x80, 0, 0, 0, 1, 0x65};
        mkv.writeBytes(element(
                0x1F43B675,
                concat(
                        element(
                                0xE7,
                                ByteBuffer.allocate(8)
                                        .putLong(1_764_770_400_000L)
                                        .array()),
                        element(0xA3, block))));
        return mkv.toByteArray();
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

    private static S3Client s3() {
        return S3Client.builder()
                .endpointOverride(URI.create(app.getEnvironment().getProperty("shardline.video.s3.endpoint")))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
