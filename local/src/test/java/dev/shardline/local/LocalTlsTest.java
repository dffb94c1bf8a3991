package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The all-in-one runtime on HTTPS with the certificate it generates ({@code shardline.tls.self-signed=true}): clients
 * that trust exactly that certificate (a trust manager built from its PEM file, not trust-all) work, the async client
 * at its defaults (HTTP/2 by prior knowledge over TLS: PutRecord, SubscribeToShard) and negotiating HTTP/2 by ALPN, and the sync client over the Apache
 * client; a client that does not trust it is refused; the ready line gives the https endpoint, the mode and the file to
 * trust.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final StaticCredentialsProvider ANY_KEY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "any-secret"));

    private static Path dataDir;
    private static ConfigurableApplicationContext app;
    private static int port;
    private static TrustManager[] trustingTheCertificate;
    private static String readyLine;

    @BeforeAll
    static void startShardlineOnHttps(CapturedOutput output) throws Exception {
        dataDir = Files.createTempDirectory("shardline-tls");
        app = LocalApplication.application()
                .run(
                        "--server.port=0",
                        "--shardline.data-dir=" + dataDir,
                        "--shardline.s3.port=" + freePort(),
                        "--shardline.tls.self-signed=true");
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        trustingTheCertificate = trustManagers(dataDir.resolve("tls/edge-cert.pem"));
        readyLine = output.getOut()
                .lines()
                .filter(line -> line.contains("Shardline is ready:"))
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stopShardline() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theAsyncClientAtItsDefaultsPutsAndSubscribesOverHttps() throws Exception {
        String stream = "tls-" + UUID.randomUUID().toString().substring(0, 8);
        try (KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
                .endpointOverride(URI.create("https://localhost:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(ANY_KEY)
                .httpClientBuilder(
                        NettyNioAsyncHttpClient.builder().tlsTrustManagersProvider(() -> trustingTheCertificate))
                .build()) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(1)).get(30, TimeUnit.SECONDS);
            await().atMost(WAIT)
                    .until(() -> kinesis.describeStreamSummary(r -> r.streamName(stream))
                                    .get()
                                    .streamDescriptionSummary()
                                    .streamStatus()
                            == StreamStatus.ACTIVE);
            String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream))
                    .get()
                    .streamDescriptionSummary()
                    .streamARN();
            String consumerArn = kinesis.registerStreamConsumer(
                            r -> r.streamARN(streamArn).consumerName("tls"))
                    .get(30, TimeUnit.SECONDS)
                    .consumer()
                    .consumerARN();
            await().atMost(WAIT)
                    .until(() -> kinesis.describeStreamConsumer(r -> r.consumerARN(consumerArn))
                                    .get()
                                    .consumerDescription()
                                    .consumerStatus()
                            == ConsumerStatus.ACTIVE);
            kinesis.putRecord(r ->
                            r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("over h2 and TLS")))
                    .get(30, TimeUnit.SECONDS);

            List<Record> received = new CopyOnWriteArrayList<>();
            SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                    .onEventStream(events -> events.filter(SubscribeToShardEvent.class)
                            .subscribe(event -> received.addAll(event.records())))
                    .build();
            var subscription = kinesis.subscribeToShard(
                    r -> r.consumerARN(consumerArn)
                            .shardId("shardId-000000000000")
                            .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)),
                    handler);
            await().atMost(WAIT).until(() -> !received.isEmpty() || subscription.isDone());
            assertThat(received).extracting(r -> r.data().asUtf8String()).containsExactly("over h2 and TLS");
            subscription.cancel(true);
        }
    }

    @Test
    void theAsyncClientNegotiatingWithAlpnWorksOverHttps() throws Exception {
        try (KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
                .endpointOverride(URI.create("https://localhost:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(ANY_KEY)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .protocolNegotiation(ProtocolNegotiation.ALPN)
                        .tlsTrustManagersProvider(() -> trustingTheCertificate))
                .build()) {
            assertThat(kinesis.listStreams().get(30, TimeUnit.SECONDS).hasStreamNames())
                    .isTrue();
        }
    }

    @Test
    void theSyncClientWorksOverHttps() {
        String stream = "tls-sync-" + UUID.randomUUID().toString().substring(0, 8);
        try (KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(URI.create("https://localhost:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(ANY_KEY)
                .httpClientBuilder(ApacheHttpClient.builder().tlsTrustManagersProvider(() -> trustingTheCertificate))
                .build()) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(1));
            assertThat(kinesis.listStreams().streamNames()).contains(stream);
        }
    }

    @Test
    void alpnChoosesHttp2() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustingTheCertificate, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
        }
        HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient http = HttpClient.newHttpClient(); // the JDK's default trust store
        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .hasCauseInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theReadyLineGivesTheHttpsEndpointTheModeAndTheCertificateToTrust() throws Exception {
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(dataDir.resolve("tls/edge-cert.pem"))) {
            certificate =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String fingerprint = HexFormat.ofDelimiter(":")
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));

        assertThat(readyLine)
                .contains("AWS endpoint https://localhost:" + port + " ")
                .contains("| Swagger UI https://localhost:" + port + "/swagger-ui/index.html |")
                .contains("| console https://localhost:" + port + "/console |")
                .doesNotContain("S3 endpoint https://localhost:" + port)
                .contains("security mode accept-any (any signature passes: local play only), listening on 127.0.0.1")
                .contains("TLS with a self-signed certificate (SHA-256 " + fingerprint + "): clients trust "
                        + dataDir.resolve("tls/edge-cert.pem").toAbsolutePath().normalize());
    }

    private static TrustManager[] trustManagers(Path pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trusted.setCertificateEntry(
                    "shardline-edge", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
