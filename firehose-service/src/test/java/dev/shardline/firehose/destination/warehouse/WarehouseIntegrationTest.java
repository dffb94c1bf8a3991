package dev.shardline.firehose.destination.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.platform.testing.SharedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.RedshiftDestinationConfiguration;

/**
 * Warehouse destinations against the tests' real PostgreSQL (as the "cluster") and S3Proxy (as the intermediate
 * bucket). Each test class gets a scratch schema of its own; the Spring context is the shared one.
 */
abstract class WarehouseIntegrationTest extends FirehoseIntegrationTest {

    static final String PASSWORD = "not-a-real-secret-42";

    protected FirehoseClient firehose;
    protected String schema;

    @BeforeEach
    void warehouse() throws SQLException {
        firehose = firehose();
        schema = "wh_" + UUID.randomUUID().toString().substring(0, 8);
        sql("CREATE SCHEMA " + schema);
    }

    /** The shared PostgreSQL as a ClusterJDBCURL: host, port and database, credentials apart. */
    static String clusterJdbcUrl() {
        Matcher m =
                Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*").matcher(SharedPostgres.jdbcUrl());
        assertThat(m.matches()).isTrue();
        return "jdbc:postgresql://" + m.group(1) + ":" + m.group(2) + "/" + m.group(3);
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(SharedPostgres.jdbcUrl());
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Every row of the query, its columns joined by {@code |} ({@code null} for NULL). */
    static List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    static boolean tableExists(String table) throws SQLException {
        return !rows("SELECT to_regclass('" + table + "')").get(0).equals("null");
    }

    /** A Redshift configuration into {@code table}, staged in {@code bucket} with a 1-second buffer. */
    RedshiftDestinationConfiguration.Builder redshift(
            String bucket, String table, String columns, String copyOptions, CompressionFormat compression) {
        return RedshiftDestinationConfiguration.builder()
                .roleARN("arn:aws:iam::000000000000:role/firehose")
                .clusterJDBCURL(clusterJdbcUrl())
                .username("postgres")
                .password(PASSWORD)
                .copyCommand(
                        c -> c.dataTableName(table).dataTableColumns(columns).copyOptions(copyOptions))
                .s3Configuration(s -> s.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))
                        .compressionFormat(compression));
    }

    /** Creates a DirectPut stream into the warehouse and waits until it is ACTIVE. */
    String warehouseStream(RedshiftDestinationConfiguration.Builder configuration) {
        return warehouseStream(uniqueName("warehouse"), configuration);
    }

    String warehouseStream(String name, RedshiftDestinationConfiguration.Builder configuration) {
        firehose.createDeliveryStream(
                r -> r.deliveryStreamName(name).redshiftDestinationConfiguration(configuration.build()));
        awaitActive(firehose, name);
        return name;
    }

    void put(String stream, List<String> records) {
        PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName(stream)
                .records(records.stream()
                        .map(data -> Record.builder()
                                .data(SdkBytes.fromString(data, StandardCharsets.UTF_8))
                                .build())
                        .toList()));
        assertThat(response.failedPutCount()).isZero();
    }
}
