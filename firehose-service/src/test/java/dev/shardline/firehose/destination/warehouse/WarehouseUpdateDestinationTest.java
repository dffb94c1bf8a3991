package dev.shardline.firehose.destination.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ConcurrentModificationException;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.RedshiftDestinationDescription;
import software.amazon.awssdk.services.firehose.model.RedshiftDestinationUpdate;
import software.amazon.awssdk.services.firehose.model.RedshiftS3BackupMode;

/** UpdateDestination of warehouse (Redshift) delivery streams through the AWS SDK, against the real PostgreSQL. */
class WarehouseUpdateDestinationTest extends WarehouseIntegrationTest {

    private static final String DESTINATION_ID = "destinationId-000000000001";
    private static final Duration LOAD = Duration.ofSeconds(30);

    @Test
    void recordsPutAfterAnUpdateLoadIntoTheNewTableWithTheNewCopyOptionsNoneLostOrDoubled() throws Exception {
        sql("CREATE TABLE " + schema + ".old_table (n int)");
        sql("CREATE TABLE " + schema + ".new_table (n int)");
        String bucket = newBucket();
        String stream =
                warehouseStream(redshift(bucket, schema + ".old_table", null, "CSV", CompressionFormat.UNCOMPRESSED));
        put(stream, List.of("1\n", "2\n"));
        await().atMost(LOAD)
                .until(() -> rows("SELECT count(*) FROM " + schema + ".old_table"), r -> r.equals(List.of("2")));
        DeliveryStreamDescription before = describe(stream);

        put(stream, List.of("3\n")); // perhaps still in the old worker's batch: then replayed into the new table
        // No password given: the stream's one is kept, else the new table would never load.
        update(
                stream,
                "1",
                u -> u.copyCommand(c -> c.dataTableName(schema + ".new_table").copyOptions("CSV NULL AS 'none'")));
        put(stream, List.of("4\n", "none\n")); // 'none' loads as NULL only with the new CopyOptions

        await().atMost(LOAD)
                .until(
                        () -> rows("SELECT (SELECT count(*) FROM " + schema + ".old_table) + (SELECT count(*) FROM "
                                + schema + ".new_table)"),
                        r -> r.equals(List.of("5")));
        List<String> all = new ArrayList<>(rows("SELECT n FROM " + schema + ".old_table"));
        all.addAll(rows("SELECT n FROM " + schema + ".new_table"));
        assertThat(all).containsExactlyInAnyOrder("1", "2", "3", "4", "null");
        assertThat(rows("SELECT n FROM " + schema + ".new_table")).contains("4", "null");
        assertThat(rows("SELECT n FROM " + schema + ".old_table")).doesNotContain("4", "null");

        DeliveryStreamDescription after = describe(stream);
        assertThat(after.versionId()).isEqualTo("2");
        assertThat(after.lastUpdateTimestamp()).isAfter(before.lastUpdateTimestamp());
        RedshiftDestinationDescription redshift = after.destinations().get(0).redshiftDestinationDescription();
        assertThat(redshift.copyCommand().dataTableName()).isEqualTo(schema + ".new_table");
        assertThat(redshift.copyCommand().copyOptions()).isEqualTo("CSV NULL AS 'none'");
        assertThat(redshift.username()).isEqualTo("postgres");
        assertThat(redshift.clusterJDBCURL()).isEqualTo(clusterJdbcUrl());
        assertThat(redshift.s3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(after.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void anS3UpdateMergesOverTheIntermediateBucketAndBackupCanBeEnabledButNotDisabled() throws Exception {
        sql("CREATE TABLE " + schema + ".t (n int)");
        String bucket = newBucket();
        String backup = newBucket();
        String stream = warehouseStream(redshift(bucket, schema + ".t", null, "", CompressionFormat.UNCOMPRESSED));

        update(
                stream,
                "1",
                u -> u.s3Update(s -> s.prefix("staged/").bufferingHints(h -> h.intervalInSeconds(2)))
                        .retryOptions(r -> r.durationInSeconds(60))
                        .s3BackupMode(RedshiftS3BackupMode.ENABLED)
                        .s3BackupUpdate(s -> s.roleARN("arn:aws:iam::000000000000:role/firehose")
                                .bucketARN("arn:aws:s3:::" + backup)));

        RedshiftDestinationDescription redshift =
                describe(stream).destinations().get(0).redshiftDestinationDescription();
        assertThat(redshift.s3DestinationDescription().prefix()).isEqualTo("staged/");
        assertThat(redshift.s3DestinationDescription().bufferingHints().intervalInSeconds())
                .isEqualTo(2);
        assertThat(redshift.s3DestinationDescription().bufferingHints().sizeInMBs())
                .isEqualTo(1); // kept
        assertThat(redshift.s3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(redshift.retryOptions().durationInSeconds()).isEqualTo(60);
        assertThat(redshift.s3BackupMode()).isEqualTo(RedshiftS3BackupMode.ENABLED);
        assertThat(redshift.s3BackupDescription().bucketARN()).isEqualTo("arn:aws:s3:::" + backup);

        put(stream, List.of("7\n"));
        await().atMost(LOAD).until(() -> rows("SELECT n FROM " + schema + ".t"), r -> r.equals(List.of("7")));
        assertThat(objects(bucket)).allSatisfy(o -> assertThat(o.key()).startsWith("staged/"));
        await().atMost(LOAD).until(() -> objects(backup), o -> !o.isEmpty());

        // AWS: once backup is enabled, an update cannot disable it.
        assertThatThrownBy(() -> update(stream, "2", u -> u.s3BackupMode(RedshiftS3BackupMode.DISABLED)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Disabling S3 backup is not currently supported.");
        assertThat(describe(stream).versionId()).isEqualTo("2");
    }

    @Test
    void aStaleVersionIsAConcurrentModification() throws Exception {
        String stream = warehouseStream(redshift(newBucket(), schema + ".x", null, "", CompressionFormat.UNCOMPRESSED));
        update(stream, "1", u -> u.username("someone"));

        assertThatThrownBy(() -> update(stream, "1", u -> u.username("someone-else")))
                .isInstanceOf(ConcurrentModificationException.class)
                .hasMessageContaining("Another modification has already happened. Fetch VersionId again");
        assertThat(describe(stream)
                        .destinations()
                        .get(0)
                        .redshiftDestinationDescription()
                        .username())
                .isEqualTo("someone");
    }

    @Test
    void anInvalidUpdateIsRefusedWithAwsWordingWithoutEchoingThePassword() {
        String stream = warehouseStream(redshift(newBucket(), schema + ".x", null, "", CompressionFormat.UNCOMPRESSED));

        assertThatThrownBy(() -> update(stream, "1", u -> u.password("pw123")))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value at 'redshiftDestinationUpdate.password' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 6")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw123"));
        assertThatThrownBy(() -> update(stream, "1", u -> u.clusterJDBCURL("jdbc:mysql://db/x")))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value 'jdbc:mysql://db/x' at 'redshiftDestinationUpdate.clusterJDBCURL' failed "
                        + "to satisfy constraint: Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> update(stream, "1", u -> u.copyCommand(c -> c.copyOptions("CSV"))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value null at 'redshiftDestinationUpdate.copyCommand.dataTableName' failed to "
                        + "satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> update(stream, "1", u -> u.s3Update(s -> s.bufferingHints(h -> h.sizeInMBs(0)))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value '0' at 'redshiftDestinationUpdate.s3Update.bufferingHints.sizeInMBs' "
                        + "failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertThatThrownBy(() ->
                        update(stream, "1", u -> u.s3Update(s -> s.compressionFormat(CompressionFormat.SNAPPY))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(
                        "CompressionFormat Snappy cannot be specified in RedshiftDestinationUpdate.S3Update");
        assertThatThrownBy(() -> update(stream, "1", u -> u.s3BackupMode(RedshiftS3BackupMode.ENABLED)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
        assertThat(describe(stream).versionId()).isEqualTo("1");
    }

    @Test
    void anotherDestinationTypeForAWarehouseStreamStaysRefused() {
        String stream = warehouseStream(redshift(newBucket(), schema + ".x", null, "", CompressionFormat.UNCOMPRESSED));
        assertThatThrownBy(() -> firehose.updateDestination(r -> r.deliveryStreamName(stream)
                        .currentDeliveryStreamVersionId("1")
                        .destinationId(DESTINATION_ID)
                        .httpEndpointDestinationUpdate(
                                h -> h.endpointConfiguration(e -> e.url("https://example.com")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("delivers to Redshift; changing its destination type to HttpEndpoint is not "
                        + "supported yet. Update the destination with RedshiftDestinationUpdate");
        assertThat(describe(stream).versionId()).isEqualTo("1");
    }

    private void update(String stream, String version, Consumer<RedshiftDestinationUpdate.Builder> update) {
        firehose.updateDestination(r -> r.deliveryStreamName(stream)
                .currentDeliveryStreamVersionId(version)
                .destinationId(DESTINATION_ID)
                .redshiftDestinationUpdate(update));
    }

    private DeliveryStreamDescription describe(String stream) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(stream))
                .deliveryStreamDescription();
    }
}
