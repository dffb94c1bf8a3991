package dev.shardline.firehose.deliverystream.web;

import static dev.shardline.platform.testing.TwoAccounts.billingBasic;
import static dev.shardline.platform.testing.TwoAccounts.ordersBasic;
import static dev.shardline.platform.testing.TwoAccounts.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.platform.testing.TwoAccounts;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

/**
 * {@code shardline.security.mode=enforce} with two accounts: the REST API and the actuator need a key pair, and one
 * account's delivery stream is invisible and untouchable to the other's key, over {@code /v1} and the AWS SDK.
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
class FirehoseEnforcedAccountsTest extends FirehoseIntegrationTest {

    @Test
    void theRestApiAndTheActuatorNeedTheKeyPairAndHealthDoesNot() throws Exception {
        TwoAccounts.assertRestFacesNeedTheKeys(endpoint(), "/v1/delivery-streams");
    }

    @Test
    void anotherAccountsDeliveryStreamIsNeitherVisibleNorTouchable() throws Exception {
        String name = uniqueName("orders");
        HttpResponse<String> created = rest(
                endpoint(),
                "POST",
                "/v1/delivery-streams",
                ordersBasic(),
                "{\"name\":\"" + name + "\",\"bucket\":\"" + newBucket() + "\",\"bufferIntervalSeconds\":60}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains(":" + TwoAccounts.ORDERS_ACCOUNT + ":deliverystream/" + name);
        String path = "/v1/delivery-streams/" + name;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rest(endpoint(), "GET", path, ordersBasic(), null).body(), b -> b.contains("ACTIVE"));

        assertThat(rest(endpoint(), "GET", "/v1/delivery-streams?limit=10000", billingBasic(), null)
                        .body())
                .doesNotContain(name);
        assertThat(rest(endpoint(), "GET", path, billingBasic(), null).statusCode())
                .isEqualTo(404);
        assertThat(rest(endpoint(), "POST", path + "/records", billingBasic(), "{\"records\":[{\"text\":\"x\"}]}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(rest(endpoint(), "DELETE", path, billingBasic(), null).statusCode())
                .isEqualTo(404);

        try (FirehoseClient billing = client(TwoAccounts.billing());
                FirehoseClient orders = client(TwoAccounts.orders())) {
            assertThat(billing.listDeliveryStreams(r -> r.limit(10000)).deliveryStreamNames())
                    .doesNotContain(name);
            assertThatThrownBy(() -> billing.describeDeliveryStream(r -> r.deliveryStreamName(name)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> billing.putRecord(
                            r -> r.deliveryStreamName(name).record(d -> d.data(SdkBytes.fromUtf8String("x")))))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> billing.deleteDeliveryStream(r -> r.deliveryStreamName(name)))
                    .isInstanceOf(ResourceNotFoundException.class);

            // still there, for its own account, on both faces
            assertThat(orders.listDeliveryStreams(r -> r.limit(10000)).deliveryStreamNames())
                    .contains(name);
            assertThat(rest(endpoint(), "GET", path, ordersBasic(), null).statusCode())
                    .isEqualTo(200);
        }
    }

    private FirehoseClient client(AwsCredentialsProvider credentials) {
        return FirehoseClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
