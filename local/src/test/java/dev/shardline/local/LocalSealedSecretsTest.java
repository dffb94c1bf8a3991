package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.keys.SecretSeal;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The all-in-one runtime keeps no secret in plain text in its PostgreSQL: after a shard iterator was handed out and
 * delivery streams were created with an HTTP endpoint access key and a warehouse password, the raw rows hold none of
 * them. Its outbound allow-list is open, but not to metadata addresses. Nothing under its data directory is writable
 * by other users, and its embedded PostgreSQL and S3 endpoint let nobody in without credentials.
 */
class LocalSealedSecretsTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private static ConfigurableApplicationContext app;
    private static Path dataDir;
    private static KinesisClient kinesis;
    private static FirehoseClient firehose;

    @BeforeAll
    static void startShardline() throws IOException {
        dataDir = Files.createTempDirectory("shardline-sealed");
        app = LocalApplication.application()
                .run("--server.port=0", "--shardline.data-dir=" + dataDir, "--shardline.s3.port=" + freePort());
        URI endpoint = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x"));
        kinesis = KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        firehose = FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopShardline() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void nothingUnderTheDataDirectoryIsWritableByOthersAndItsSecretsAreTheOwnersAlone() throws IOException {
        List<String> writableByOthers = new ArrayList<>();
        Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                check(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!attributes.isSymbolicLink()) {
                    check(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException gone) {
                return FileVisitResult.CONTINUE; // a temporary file removed while walking
            }

            private void check(Path path) throws IOException {
                try {
                    if (Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
                            .contains(PosixFilePermission.OTHERS_WRITE)) {
                        writableByOthers.add(dataDir.relativize(path).toString());
                    }
                } catch (NoSuchFileException gone) {
                    // a temporary file removed while walking
                }
            }
        });

        assertThat(writableByOthers).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres-password"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("kms/master-key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void theEmbeddedPostgresqlAndS3EndpointLetNobodyInWithoutCredentials() throws Exception {
        String url = app.getEnvironment().getProperty("spring.datasource.url");
        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);

        URI s3 = URI.create(app.getEnvironment().getProperty("shardline.firehose.s3.endpoint"));
        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(s3.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
    }

    @Test
    void theRawRowsHoldNoIteratorSecretAccessKeyOrPassword() throws Exception {
        String stream = "sealed-" + UUID.randomUUID().toString().substring(0, 8);
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName(stream))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records()).isEmpty();
        String accessKey = "access-key-" + UUID.randomUUID();
        String password = "password-" + UUID.randomUUID();
        // Any host is allowed in the all-in-one runtime: a name it cannot resolve is only judged when delivering.
        firehose.createDeliveryStream(r -> r.deliveryStreamName(stream + "-http")
                .httpEndpointDestinationConfiguration(h -> h.endpointConfiguration(
                                e -> e.url("https://collector.example.com/in").accessKey(accessKey))
                        .roleARN(ROLE)
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::backup"))));
        firehose.createDeliveryStream(r -> r.deliveryStreamName(stream + "-warehouse")
                .redshiftDestinationConfiguration(w -> w.roleARN(ROLE)
                        .clusterJDBCURL("jdbc:postgresql://warehouse.example.com:5432/dw")
                        .username("loader")
                        .password(password)
                        .copyCommand(c -> c.dataTableName("public.events"))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::staging"))));

        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        String firehoseRows =
                String.join("\n", jdbc.queryForList("select t::text from firehose.delivery_stream t", String.class));
        Map<String, Object> iteratorKey =
                jdbc.queryForMap("select secret, master_key_id from streams.iterator_key where id = 1");
        byte[] sealedSecret = (byte[]) iteratorKey.get("secret");
        byte[] iteratorSecret = app.getBean(SecretSeal.class)
                .open(sealedSecret, (String) iteratorKey.get("master_key_id"), "streams.iteratorSecret");

        assertThat(firehoseRows).contains(stream + "-http", stream + "-warehouse");
        assertThat(firehoseRows).doesNotContain(accessKey, password);
        String hex = HexFormat.of().formatHex(iteratorSecret);
        assertThat(HexFormat.of().formatHex(sealedSecret)).doesNotContain(hex);
        for (String table : List.of("firehose.delivery_stream", "streams.iterator_key")) {
            assertThat(String.join("\n", jdbc.queryForList("select t::text from " + table + " t", String.class)))
                    .doesNotContain(hex, accessKey, password);
        }
    }

    @Test
    void metadataAddressesAreRefusedThoughEveryHostIsAllowed() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("to-metadata")
                        .httpEndpointDestinationConfiguration(
                                h -> h.endpointConfiguration(e -> e.url("http://169.254.169.254/latest/meta-data/iam/"))
                                        .roleARN(ROLE)
                                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::backup")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("169.254.169.254 is a link-local or cloud metadata address");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
