package dev.shardline.firehose.destination.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.platform.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.core.SdkBytes;

/**
 * A full run with chatty logging (DEBUG for Shardline and Spring's web layer, TRACE for Hibernate's bound values):
 * records delivered to an HTTP endpoint with an access key and loaded into a warehouse with a password, and neither
 * secret in any log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirehoseSecretsInLogsTest extends HttpEndpointIntegrationTest {

    private static final Map<String, LogLevel> CHATTY = Map.of(
            "dev.shardline", LogLevel.DEBUG,
            "org.springframework.web", LogLevel.DEBUG,
            "org.hibernate.orm.jdbc.bind", LogLevel.TRACE,
            "com.zaxxer.hikari", LogLevel.DEBUG);

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    private final Map<String, LogLevel> before = new HashMap<>();

    @BeforeEach
    void chatty() {
        CHATTY.forEach((logger, level) -> {
            LoggerConfiguration configuration = logging.getLoggerConfiguration(logger);
            before.put(logger, configuration == null ? null : configuration.getConfiguredLevel());
            logging.setLogLevel(logger, level);
        });
    }

    /** The levels as they were: the context, and the log assertions of other tests, are shared. */
    @AfterEach
    void quiet() {
        before.forEach(logging::setLogLevel);
    }

    @Test
    void aDeliveryWithAnAccessKeyAndAPasswordLogsNeither(CapturedOutput output) throws Exception {
        String accessKey = "access-key-" + UUID.randomUUID();
        String password = "password-" + UUID.randomUUID();
        String table = "logs_" + UUID.randomUUID().toString().substring(0, 8);
        sql("CREATE TABLE public." + table + " (n int)");

        String http = create(
                newBucket(),
                endpoint.url(),
                h -> h.endpointConfiguration(
                        e -> e.url(endpoint.url()).name("collector").accessKey(accessKey)));
        String warehouse = uniqueName("logs-wh");
        String bucket = newBucket();
        firehose.createDeliveryStream(r -> r.deliveryStreamName(warehouse)
                .redshiftDestinationConfiguration(w -> w.roleARN(ROLE)
                        .clusterJDBCURL(clusterJdbcUrl())
                        .username("postgres")
                        .password(password)
                        .copyCommand(c -> c.dataTableName("public." + table))
                        .s3Configuration(s -> s.roleARN(ROLE)
                                .bucketARN("arn:aws:s3:::" + bucket)
                                .bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(1)))));
        awaitActive(firehose, warehouse);

        put(http, List.of("one", "two"));
        firehose.putRecord(r -> r.deliveryStreamName(warehouse).record(x -> x.data(SdkBytes.fromUtf8String("7\n"))));

        TestEndpoint.Received request = await().atMost(Duration.ofSeconds(30))
                .until(() -> endpoint.received(), r -> !r.isEmpty())
                .get(0);
        assertThat(request.header("X-Amz-Firehose-Access-Key")).isEqualTo(accessKey);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("public." + table) == 1);
        assertThat(output.getAll())
                .as("the run logged at DEBUG")
                .contains(http)
                .doesNotContain(accessKey)
                .doesNotContain(password);
    }

    private static String clusterJdbcUrl() {
        Matcher m =
                Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*").matcher(SharedPostgres.jdbcUrl());
        assertThat(m.matches()).isTrue();
        return "jdbc:postgresql://" + m.group(1) + ":" + m.group(2) + "/" + m.group(3);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(SharedPostgres.jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static long count(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(SharedPostgres.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
