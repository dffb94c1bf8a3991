package dev.shardline.streams.rest;

import static dev.shardline.platform.testing.TwoAccounts.billingBasic;
import static dev.shardline.platform.testing.TwoAccounts.ordersBasic;
import static dev.shardline.platform.testing.TwoAccounts.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.platform.testing.TwoAccounts;
import dev.shardline.streams.StreamsIntegrationTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * {@code shardline.security.mode=enforce} with two accounts: the REST API and the actuator need a key pair, and a
 * stream (or key) of one account is invisible and untouchable to the other's key, over {@code /v1} and the AWS SDK.
 */
@TestPropertySource(
        properties = {
            TwoAccounts.ENFORCE,
            TwoAccounts.ORDERS_0,
            TwoAccounts.ORDERS_1,
            TwoAccounts.ORDERS_2,
            TwoAccounts.BILLING_0,
            TwoAccounts.BILLING_1,
            TwoAccounts.BILLING_2,
            TwoAccounts.ACTUATOR
        })
class EnforcedAccountsTest extends StreamsIntegrationTest {

    @Test
    void theRestApiAndTheActuatorNeedTheKeyPairAndHealthDoesNot() throws Exception {
        TwoAccounts.assertRestFacesNeedTheKeys(endpoint(), "/v1/streams");
        assertThat(rest(endpoint(), "GET", "/v3/api-docs", null, null).statusCode())
                .isEqualTo(401);
        assertThat(rest(endpoint(), "GET", "/v3/api-docs", ordersBasic(), null).statusCode())
                .isEqualTo(200);
    }

    /** The web console takes the REST API's credentials; a browser is asked for them with Basic's challenge. */
    @Test
    void theConsoleNeedsTheKeyPairAndShowsOnlyTheCallersStreams() throws Exception {
        HttpResponse<String> anonymous = rest(endpoint(), "GET", "/console", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"shardline\"");
        assertThat(rest(endpoint(), "GET", "/console/streams", null, null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> overview = rest(endpoint(), "GET", "/console", ordersBasic(), null);
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("Overview", "PostgreSQL", "Kafka");

        String name = uniqueName();
        assertThat(rest(
                                endpoint(),
                                "POST",
                                "/v1/streams",
                                ordersBasic(),
                                "{\"name\":\"" + name + "\",\"shardCount\":1}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(rest(endpoint(), "GET", "/console/streams", ordersBasic(), null)
                        .body())
                .contains(name);
        assertThat(rest(endpoint(), "GET", "/console/streams", billingBasic(), null)
                        .body())
                .doesNotContain(name);
        assertThat(rest(endpoint(), "GET", "/console/streams/" + name, billingBasic(), null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anotherAccountsStreamIsNeitherVisibleNorTouchable() throws Exception {
        String name = uniqueName();
        HttpResponse<String> created =
                rest(endpoint(), "POST", "/v1/streams", ordersBasic(), "{\"name\":\"" + name + "\",\"shardCount\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains(":" + TwoAccounts.ORDERS_ACCOUNT + ":stream/" + name);
        try (KinesisClient orders = client(TwoAccounts.orders());
                KinesisClient billing = client(TwoAccounts.billing())) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> orders.describeStreamSummary(r -> r.streamName(name))
                                    .streamDescriptionSummary()
                                    .streamStatus()
                            == StreamStatus.ACTIVE);
            String path = "/v1/streams/" + name;

            assertThat(rest(endpoint(), "GET", "/v1/streams", billingBasic(), null)
                            .body())
                    .doesNotContain(name);
            assertThat(rest(endpoint(), "GET", path, billingBasic(), null).statusCode())
                    .isEqualTo(404);
            assertThat(rest(
                                    endpoint(),
                                    "POST",
                                    path + "/records",
                                    billingBasic(),
                                    "{\"records\":[{\"partitionKey\":\"k\",\"text\":\"x\"}]}")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(rest(endpoint(), "DELETE", path, billingBasic(), null).statusCode())
                    .isEqualTo(404);

            assertThat(billing.listStreams().streamNames()).doesNotContain(name);
            assertThatThrownBy(() -> billing.describeStreamSummary(r -> r.streamName(name)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> billing.putRecord(
                            r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> billing.deleteStream(r -> r.streamName(name)))
                    .isInstanceOf(ResourceNotFoundException.class);

            // still there, for its own account, on both faces
            assertThat(rest(endpoint(), "GET", path, ordersBasic(), null).statusCode())
                    .isEqualTo(200);
            assertThat(orders.listStreams().streamNames()).contains(name);
        }
    }

    @Test
    void anotherAccountsKeyIsNeitherVisibleNorTouchable() throws Exception {
        HttpResponse<String> created =
                rest(endpoint(), "POST", "/v1/keys", ordersBasic(), "{\"description\":\"orders\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String keyId = created.body().replaceAll(".*\"keyId\":\"([^\"]+)\".*", "$1");

        assertThat(rest(endpoint(), "GET", "/v1/keys", billingBasic(), null).body())
                .doesNotContain(keyId);
        assertThat(rest(endpoint(), "GET", "/v1/keys/" + keyId, billingBasic(), null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(rest(endpoint(), "POST", "/v1/keys/" + keyId + "/disable", billingBasic(), null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(rest(endpoint(), "GET", "/v1/keys/" + keyId, ordersBasic(), null)
                        .body())
                .contains(keyId)
                .contains(TwoAccounts.ORDERS_ACCOUNT);
    }

    @Test
    void aKinesisCallSignedForAnotherServiceIsAnInvalidSignature() throws Exception {
        assertThat(listStreamsSignedFor("kinesis").statusCode()).isEqualTo(200);

        HttpResponse<String> firehose = listStreamsSignedFor("firehose");

        assertThat(firehose.statusCode()).isEqualTo(400);
        assertThat(firehose.body())
                .contains("InvalidSignatureException")
                .contains("Credential should be scoped to correct service: 'kinesis'. ");
    }

    /** ListStreams with the orders key, its signature right but its credential scope naming {@code service}. */
    private HttpResponse<String> listStreamsSignedFor(String service) throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "Kinesis_20131202.ListStreams")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(
                                AwsCredentialsIdentity.create(TwoAccounts.ORDERS_KEY_ID, TwoAccounts.ORDERS_SECRET))
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
        HttpRequest.Builder http =
                HttpRequest.newBuilder(endpoint()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        return HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    private KinesisClient client(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        return KinesisClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
