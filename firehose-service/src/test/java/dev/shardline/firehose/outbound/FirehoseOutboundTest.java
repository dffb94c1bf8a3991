package dev.shardline.firehose.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.platform.testing.SharedPostgres;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.FailureDescription;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.RedshiftDestinationConfiguration;

/**
 * Firehose calls out only to allowed hosts and never to metadata addresses: refused on CreateDeliveryStream and
 * UpdateDestination with InvalidArgumentException, and, for a name that resolves to 169.254.169.254 (the tests'
 * resolver makes {@code *.metadata.shardline.test} one), when delivering, with the reason in FailureDescription.
 */
class FirehoseOutboundTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehoseWithoutRetries();
    }

    @Test
    void httpEndpointsAtMetadataAddressesAreRefusedWhenCreated() {
        String bucket = newBucket();
        for (String url : new String[] {
            "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://metadata.google.internal/"
        }) {
            assertThatThrownBy(() -> createHttp(uniqueName("meta"), bucket, url, h -> {}))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("Url " + url + " is not allowed: ")
                    .hasMessageContaining("metadata");
        }
    }

    @Test
    void anHttpEndpointOffTheAllowListIsRefused() {
        assertThatThrownBy(
                        () -> createHttp(uniqueName("off"), newBucket(), "https://collector.example.com/in", h -> {}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(
                        "Url https://collector.example.com/in is not allowed: host collector.example.com "
                                + "is not in this deployment's outbound allow-list (shardline.firehose.outbound.allowed-hosts).");
    }

    @Test
    void lambdaUrlsAndWarehouseHostsAtMetadataAddressesAreRefusedWhenCreated() {
        String bucket = newBucket();
        assertThatThrownBy(() -> createHttp(
                        uniqueName("lambda"),
                        bucket,
                        "http://127.0.0.1:9/",
                        h -> h.processingConfiguration(p -> p.enabled(true)
                                .processors(x -> x.type(ProcessorType.LAMBDA)
                                        .parameters(v -> v.parameterName(ProcessorParameterName.LAMBDA_ARN)
                                                .parameterValue("http://169.254.169.254/2015-03-31/functions"))))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("LambdaArn http://169.254.169.254/2015-03-31/functions is not allowed: ");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName(uniqueName("wh"))
                        .redshiftDestinationConfiguration(
                                redshift(bucket, "jdbc:postgresql://169.254.169.254:5432/db"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("ClusterJDBCURL jdbc:postgresql://169.254.169.254:5432/db is not allowed: ");
    }

    @Test
    void aLambdaUrlWithoutAHostIsAnInvalidArgument() {
        assertThatThrownBy(() -> createHttp(
                        uniqueName("lambda"),
                        newBucket(),
                        "http://127.0.0.1:9/",
                        h -> h.processingConfiguration(p -> p.enabled(true)
                                .processors(x -> x.type(ProcessorType.LAMBDA)
                                        .parameters(v -> v.parameterName(ProcessorParameterName.LAMBDA_ARN)
                                                .parameterValue("http:///functions"))))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("http:///functions is not a URL with a host.");
    }

    @Test
    void anUpdateToAMetadataAddressIsRefusedAndTheDestinationKept() {
        String name = uniqueName("update");
        createHttp(name, newBucket(), "http://127.0.0.1:9/", h -> {});
        awaitActive(firehose, name);

        assertThatThrownBy(() -> firehose.updateDestination(r -> r.deliveryStreamName(name)
                        .currentDeliveryStreamVersionId("1")
                        .destinationId("destinationId-000000000001")
                        .httpEndpointDestinationUpdate(
                                u -> u.endpointConfiguration(e -> e.url("http://169.254.169.254/")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Url http://169.254.169.254/ is not allowed: ");
        assertThat(firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                        .deliveryStreamDescription()
                        .destinations()
                        .get(0)
                        .httpEndpointDestinationDescription()
                        .endpointConfiguration()
                        .url())
                .isEqualTo("http://127.0.0.1:9/");
    }

    @Test
    void anHttpEndpointWhoseNameResolvesToTheMetadataAddressFailsItsDeliveryWithTheReason() {
        String name = uniqueName("rebind");
        createHttp(name, newBucket(), "http://aws.metadata.shardline.test:8080/", h -> {});
        awaitActive(firehose, name);

        firehose.putRecord(r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromUtf8String("x\n"))));

        FailureDescription failure = await().atMost(Duration.ofSeconds(30)).until(() -> failure(name), f -> f != null);
        assertThat(failure.details())
                .startsWith("HttpEndpoint.ConnectionFailed: A connection could not be established with "
                        + "http://aws.metadata.shardline.test:8080/: Firehose refused it, host aws.metadata.shardline.test "
                        + "resolves to 169.254.169.254, a link-local or cloud metadata address");
    }

    @Test
    void aWarehouseWhoseNameResolvesToTheMetadataAddressFailsItsDeliveryWithTheReason() {
        String name = uniqueName("wh-rebind");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .redshiftDestinationConfiguration(redshift(
                        newBucket(), "jdbc:postgresql://db.metadata.shardline.test:" + postgresPort() + "/postgres")));
        awaitActive(firehose, name);

        firehose.putRecord(r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromUtf8String("1\n"))));

        FailureDescription failure = await().atMost(Duration.ofSeconds(30)).until(() -> failure(name), f -> f != null);
        assertThat(failure.details())
                .startsWith("Redshift.ConnectionFailed: Firehose refused to connect to jdbc:postgresql://"
                        + "db.metadata.shardline.test:" + postgresPort() + "/postgres: host db.metadata.shardline.test "
                        + "resolves to 169.254.169.254, a link-local or cloud metadata address");
    }

    private void createHttp(
            String name, String bucket, String url, Consumer<HttpEndpointDestinationConfiguration.Builder> more) {
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name).httpEndpointDestinationConfiguration(h -> {
            h.endpointConfiguration(e -> e.url(url))
                    .roleARN(ROLE)
                    .bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(1))
                    .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket));
            more.accept(h);
        }));
    }

    private static RedshiftDestinationConfiguration redshift(String bucket, String jdbcUrl) {
        return RedshiftDestinationConfiguration.builder()
                .roleARN(ROLE)
                .clusterJDBCURL(jdbcUrl)
                .username("postgres")
                .password("not-a-real-secret")
                .copyCommand(c -> c.dataTableName("public.nowhere"))
                .s3Configuration(s -> s.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1)))
                .build();
    }

    private static String postgresPort() {
        Matcher m = Pattern.compile("jdbc:postgresql://[^:/]+:(\\d+)/.*").matcher(SharedPostgres.jdbcUrl());
        return m.matches() ? m.group(1) : "5432";
    }

    private FailureDescription failure(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                .deliveryStreamDescription()
                .failureDescription();
    }
}
