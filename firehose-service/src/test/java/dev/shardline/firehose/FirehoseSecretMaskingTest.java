package dev.shardline.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.destination.Compression;
import dev.shardline.firehose.destination.http.HttpEndpointDestination;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointConfiguration;
import dev.shardline.firehose.destination.s3.S3Target;
import dev.shardline.firehose.destination.warehouse.WarehouseDestination;
import dev.shardline.firehose.destination.warehouse.web.RedshiftShapes;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every type that holds a secret prints it as {@code ****}, so no log line that prints one leaks it. */
class FirehoseSecretMaskingTest {

    private static final String SECRET = "s3cr3t-value-1234";
    private static final S3Target S3 = new S3Target(
            "arn:aws:iam::000000000000:role/r",
            "arn:aws:s3:::b",
            "",
            "",
            new BufferingHints(1, 60),
            Compression.UNCOMPRESSED);

    @Test
    void httpEndpointTypesMaskTheAccessKey() {
        HttpEndpointDestination destination = new HttpEndpointDestination(
                "https://collector.example.com/in",
                "collector",
                SECRET,
                null,
                false,
                List.of(new HttpEndpointDestination.CommonAttribute("team", "data")),
                null,
                "arn:aws:iam::000000000000:role/r",
                300,
                null,
                S3,
                Map.of());
        HttpEndpointConfiguration wire = new HttpEndpointConfiguration("https://collector.example.com/in", "c", SECRET);

        assertThat(destination.toString())
                .doesNotContain(SECRET)
                .contains("accessKey=****", "https://collector.example.com/in", "team");
        assertThat(wire.toString()).doesNotContain(SECRET).contains("accessKey=****");
        assertThat(new HttpEndpointConfiguration("https://x.example.com/", null, null).toString())
                .contains("accessKey=null");
    }

    @Test
    void warehouseTypesMaskThePassword() {
        WarehouseDestination destination = new WarehouseDestination(
                "arn:aws:iam::000000000000:role/r",
                "jdbc:postgresql://db.example.com:5432/dw",
                "loader",
                SECRET,
                new WarehouseDestination.CopyCommand("public.t", null, null),
                3600,
                S3,
                null,
                null,
                null,
                Map.of());
        RedshiftShapes.RedshiftDestinationConfiguration create = new RedshiftShapes.RedshiftDestinationConfiguration(
                null,
                "jdbc:postgresql://db.example.com:5432/dw",
                new RedshiftShapes.CopyCommand("public.t", null, null),
                "loader",
                SECRET,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        RedshiftShapes.RedshiftDestinationUpdate update = new RedshiftShapes.RedshiftDestinationUpdate(
                null, null, null, null, SECRET, null, null, null, null, null, null, null);

        assertThat(destination.toString()).doesNotContain(SECRET).contains("db.example.com");
        assertThat(create.toString()).doesNotContain(SECRET);
        assertThat(update.toString()).doesNotContain(SECRET);
    }

    @Test
    void theS3ClientsSecretIsMasked() {
        FirehoseProperties.S3 s3 = new FirehoseProperties.S3(
                URI.create("http://127.0.0.1:9000"), "us-east-1", "AKID", SECRET, true, false);

        assertThat(s3.toString()).doesNotContain(SECRET).contains("accessKeyId=AKID", "secretAccessKey=****");
    }
}
