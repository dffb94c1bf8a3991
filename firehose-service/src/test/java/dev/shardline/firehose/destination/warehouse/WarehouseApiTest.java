package dev.shardline.firehose.destination.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.RedshiftDestinationDescription;
import software.amazon.awssdk.services.firehose.model.RedshiftS3BackupMode;

/** CreateDeliveryStream and DescribeDeliveryStream with a RedshiftDestinationConfiguration, through the AWS SDK. */
class WarehouseApiTest extends WarehouseIntegrationTest {

    @Autowired
    WarehouseConnections connections;

    @Test
    void describeShowsTheRedshiftDestinationWithAwsDefaultsAndWithoutThePassword() throws Exception {
        String bucket = newBucket();
        String stream =
                warehouseStream(redshift(bucket, "public.events", "id,kind", "CSV", CompressionFormat.UNCOMPRESSED));

        DestinationDescription destination = firehose.describeDeliveryStream(r -> r.deliveryStreamName(stream))
                .deliveryStreamDescription()
                .destinations()
                .get(0);
        RedshiftDestinationDescription redshift = destination.redshiftDestinationDescription();
        assertThat(destination.extendedS3DestinationDescription()).isNull();
        assertThat(redshift.clusterJDBCURL()).isEqualTo(clusterJdbcUrl());
        assertThat(redshift.username()).isEqualTo("postgres");
        assertThat(redshift.roleARN()).isEqualTo("arn:aws:iam::000000000000:role/firehose");
        assertThat(redshift.copyCommand().dataTableName()).isEqualTo("public.events");
        assertThat(redshift.copyCommand().dataTableColumns()).isEqualTo("id,kind");
        assertThat(redshift.copyCommand().copyOptions()).isEqualTo("CSV");
        assertThat(redshift.retryOptions().durationInSeconds()).isEqualTo(3600);
        assertThat(redshift.s3BackupMode()).isEqualTo(RedshiftS3BackupMode.DISABLED);
        assertThat(redshift.s3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(redshift.s3DestinationDescription().bufferingHints().intervalInSeconds())
                .isEqualTo(1);

        HttpResponse<String> raw = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                                .header("Content-Type", "application/x-amz-json-1.1")
                                .header("X-Amz-Target", "Firehose_20150804.DescribeDeliveryStream")
                                .header(
                                        "Authorization",
                                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/firehose/"
                                                + "aws4_request, SignedHeaders=host, Signature=0")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"DeliveryStreamName\":\"" + stream + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).contains("\"RedshiftDestinationDescription\"").doesNotContain(PASSWORD);
    }

    @Test
    void copyOptionsWithoutAPostgresTranslationAreRefusedByName() {
        String bucket = newBucket();
        assertThatThrownBy(() -> warehouseStream(
                        redshift(bucket, "t", null, "DELIMITER '\\t' LZOP", CompressionFormat.UNCOMPRESSED)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("CopyOptions LZOP cannot be translated");
        assertThatThrownBy(() -> warehouseStream(redshift(
                        bucket, "t", null, "JSON 's3://bucket/jsonpaths.json'", CompressionFormat.UNCOMPRESSED)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("JSON 's3://bucket/jsonpaths.json'");
        assertThatThrownBy(() -> warehouseStream(redshift(bucket, "t", null, "CSV", CompressionFormat.GZIP)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("needs the GZIP option in CopyOptions");
        assertThatThrownBy(() -> warehouseStream(
                        redshift(bucket, "t; DROP TABLE x", null, "CSV", CompressionFormat.UNCOMPRESSED)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("is not a table name");
        assertThatThrownBy(() -> warehouseStream(redshift(bucket, "t", null, "CSV", CompressionFormat.ZIP)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("CompressionFormat ZIP cannot be specified");
    }

    @Test
    void membersOutsideAwsConstraintsAreAValidationException() {
        String bucket = newBucket();
        assertThatThrownBy(() -> warehouseStream(redshift(bucket, "t", null, "CSV", CompressionFormat.UNCOMPRESSED)
                        .retryOptions(r -> r.durationInSeconds(7201))
                        .password("short")
                        .clusterJDBCURL("jdbc:mysql://localhost:3306/db")))
                .isInstanceOf(FirehoseException.class)
                .satisfies(e -> assertThat(
                                ((FirehoseException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("3 validation errors detected")
                .hasMessageContaining("'redshiftDestinationConfiguration.retryOptions.durationInSeconds' failed to "
                        + "satisfy constraint: Member must have value less than or equal to 7200")
                .hasMessageContaining("Member must have length greater than or equal to 6")
                .hasMessageContaining("Value 'jdbc:mysql://localhost:3306/db' at "
                        + "'redshiftDestinationConfiguration.clusterJDBCURL' failed to satisfy constraint")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> warehouseStream(redshift(bucket, "t", null, "CSV", CompressionFormat.UNCOMPRESSED)
                        .s3Configuration(
                                (software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration) null)))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value null at 'redshiftDestinationConfiguration.s3Configuration' failed to "
                        + "satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> warehouseStream(redshift(bucket, "t", null, "CSV", CompressionFormat.UNCOMPRESSED)
                        .s3BackupMode(RedshiftS3BackupMode.ENABLED)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("S3BackupConfiguration must be specified");
    }

    @Test
    void aRedshiftUrlIsAcceptedButItsLoadsEndInAnErrorManifest() {
        String bucket = newBucket();
        String stream = warehouseStream(redshift(bucket, "t", null, "CSV", CompressionFormat.UNCOMPRESSED)
                .clusterJDBCURL("jdbc:redshift://examplecluster.abc123.us-east-1.redshift.amazonaws.com:5439/dev")
                .retryOptions(r -> r.durationInSeconds(0)));

        put(stream, List.of("1\n"));

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        objects(bucket).stream().anyMatch(o -> o.key().startsWith(WarehouseWriter.ERROR_MANIFESTS)));
        assertThat(objects(bucket)).hasSize(2);
    }

    @Test
    void sourceRecordsAreBackedUpWhenS3BackupModeIsEnabled() throws Exception {
        sql("CREATE TABLE " + schema + ".backed (n int)");
        String bucket = newBucket();
        String backup = newBucket();
        String stream = warehouseStream(redshift(bucket, schema + ".backed", null, "", CompressionFormat.UNCOMPRESSED)
                .s3BackupMode(RedshiftS3BackupMode.ENABLED)
                .s3BackupConfiguration(b -> b.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + backup)
                        .prefix("source/")));

        put(stream, List.of("7\n", "8\n"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows("SELECT count(*) FROM " + schema + ".backed"), r -> r.equals(List.of("2")));
        assertThat(objects(backup)).singleElement().satisfies(o -> {
            assertThat(o.key()).startsWith("source/");
            assertThat(new String(read(backup, o.key()))).isEqualTo("7\n8\n");
        });
    }

    @Test
    void deletingTheLastStreamOfAWarehouseClosesItsPool() throws Exception {
        sql("CREATE TABLE " + schema + ".pooled (n int)");
        String bucket = newBucket();
        int before = connections.openPools();
        // A password of its own: a pool of its own (the embedded server trusts any password).
        String stream = warehouseStream(redshift(bucket, schema + ".pooled", null, "", CompressionFormat.UNCOMPRESSED)
                .password("another-password-" + schema));
        put(stream, List.of("1\n"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows("SELECT count(*) FROM " + schema + ".pooled"), r -> r.equals(List.of("1")));
        assertThat(connections.openPools()).isEqualTo(before + 1);

        firehose.deleteDeliveryStream(r -> r.deliveryStreamName(stream));

        await().atMost(Duration.ofSeconds(30)).until(() -> connections.openPools() == before);
    }
}
