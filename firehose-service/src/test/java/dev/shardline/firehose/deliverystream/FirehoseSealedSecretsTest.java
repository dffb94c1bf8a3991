package dev.shardline.firehose.deliverystream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.destination.http.HttpEndpointDestination;
import dev.shardline.firehose.destination.warehouse.WarehouseDestination;
import dev.shardline.keys.SecretSeal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;

/**
 * HTTP endpoint access keys and warehouse passwords are sealed in the delivery stream's row, read back as given, never
 * described; a row an older version wrote in plain text is sealed by the start-up step and still reads.
 */
class FirehoseSealedSecretsTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeliveryStreamRepository repository;

    @Autowired
    PlainSecretSealing plainSecretSealing;

    @Autowired
    SecretSeal seal;

    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose();
    }

    @Test
    void theRawRowsHoldNeitherTheAccessKeyNorThePassword() {
        String accessKey = "access-key-" + UUID.randomUUID();
        String password = "password-" + UUID.randomUUID();
        String http = httpStream(accessKey);
        String warehouse = warehouseStream(password);

        List<String> rows = jdbc.queryForList("select t::text from firehose.delivery_stream t", String.class);
        assertThat(String.join("\n", rows)).contains(http, warehouse).doesNotContain(accessKey, password);
        assertThat(rawRow(http)).contains("\"accessKey\":{\"sealed\":\"v1:" + seal.masterKeyId() + ":");
        assertThat(rawRow(warehouse)).contains("\"password\":{\"sealed\":\"v1:" + seal.masterKeyId() + ":");
        // Read back as given, so deliveries use them.
        assertThat(((HttpEndpointDestination) destinationOf(http)).accessKey()).isEqualTo(accessKey);
        assertThat(((WarehouseDestination) destinationOf(warehouse)).password()).isEqualTo(password);
    }

    @Test
    void describeDeliveryStreamAnswersWithoutTheSecretsAsAwsDoes() {
        String accessKey = "access-key-" + UUID.randomUUID();
        String password = "password-" + UUID.randomUUID();

        DestinationDescription http = describe(httpStream(accessKey));
        DestinationDescription warehouse = describe(warehouseStream(password));

        // AWS's HttpEndpointDescription has Url and Name only; RedshiftDestinationDescription has no Password.
        assertThat(http.httpEndpointDestinationDescription()
                        .endpointConfiguration()
                        .url())
                .isEqualTo("http://127.0.0.1:9/in");
        assertThat(http.httpEndpointDestinationDescription()
                        .endpointConfiguration()
                        .name())
                .isEqualTo("collector");
        assertThat(warehouse.redshiftDestinationDescription().username()).isEqualTo("loader");
        assertThat(http.toString() + warehouse).doesNotContain(accessKey, password);
    }

    @Test
    void aPlainSecretOfAnOlderVersionIsSealedAtStartAndStillReads() {
        String accessKey = "plain-access-key-" + UUID.randomUUID();
        String name = httpStream("replaced-below");
        // What an older version wrote: the access key as a plain JSON string.
        jdbc.update(
                "update firehose.delivery_stream set destination_config = "
                        + "jsonb_set(destination_config::jsonb, '{accessKey}', to_jsonb(?::text))::text where name = ?",
                accessKey,
                name);
        assertThat(rawRow(name)).contains("\"accessKey\": \"" + accessKey + "\"");
        assertThat(((HttpEndpointDestination) destinationOf(name)).accessKey()).isEqualTo(accessKey);

        assertThat(plainSecretSealing.sealPlainSecrets()).isGreaterThanOrEqualTo(1);

        assertThat(rawRow(name)).doesNotContain(accessKey).contains("\"accessKey\":{\"sealed\":\"v1:");
        assertThat(((HttpEndpointDestination) destinationOf(name)).accessKey()).isEqualTo(accessKey);
        assertThat(plainSecretSealing.sealPlainSecrets()).isZero();
    }

    private String httpStream(String accessKey) {
        String bucket = newBucket();
        String name = uniqueName("sealed-http");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .httpEndpointDestinationConfiguration(h -> h.endpointConfiguration(e ->
                                e.url("http://127.0.0.1:9/in").name("collector").accessKey(accessKey))
                        .roleARN(ROLE)
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket))));
        return name;
    }

    private String warehouseStream(String password) {
        String bucket = newBucket();
        String name = uniqueName("sealed-wh");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .redshiftDestinationConfiguration(w -> w.roleARN(ROLE)
                        .clusterJDBCURL("jdbc:postgresql://127.0.0.1:5432/warehouse")
                        .username("loader")
                        .password(password)
                        .copyCommand(c -> c.dataTableName("public.events"))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket))));
        return name;
    }

    private DestinationDescription describe(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                .deliveryStreamDescription()
                .destinations()
                .get(0);
    }

    private Object destinationOf(String name) {
        return repository
                .findByRef("000000000000", "us-east-1", name)
                .orElseThrow()
                .destination();
    }

    private String rawRow(String name) {
        return jdbc.queryForObject(
                "select destination_config from firehose.delivery_stream where name = ?", String.class, name);
    }
}
