package dev.shardline.video.stream;

import static dev.shardline.platform.testing.TwoAccounts.billingBasic;
import static dev.shardline.platform.testing.TwoAccounts.ordersBasic;
import static dev.shardline.platform.testing.TwoAccounts.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.platform.testing.TwoAccounts;
import dev.shardline.video.VideoIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;

/**
 * {@code shardline.security.mode=enforce} with two accounts: the REST API and the actuator need a key pair, and one
 * account's video stream is invisible and untouchable to the other's key, over {@code /v1} and the AWS SDK.
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
class VideoEnforcedAccountsTest extends VideoIntegrationTest {

    @Test
    void theRestApiAndTheActuatorNeedTheKeyPairAndHealthDoesNot() throws Exception {
        TwoAccounts.assertRestFacesNeedTheKeys(endpoint(), "/v1/video-streams");
    }

    @Test
    void anotherAccountsVideoStreamIsNeitherVisibleNorTouchable() throws Exception {
        String name = uniqueName("orders");
        HttpResponse<String> created = rest(
                endpoint(),
                "POST",
                "/v1/video-streams",
                ordersBasic(),
                "{\"name\":\"" + name + "\",\"dataRetentionInHours\":2}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains(":" + TwoAccounts.ORDERS_ACCOUNT + ":stream/" + name + "/");
        String path = "/v1/video-streams/" + name;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rest(endpoint(), "GET", path, ordersBasic(), null).body(), b -> b.contains("ACTIVE"));

        assertThat(rest(endpoint(), "GET", "/v1/video-streams?prefix=" + name, billingBasic(), null)
                        .body())
                .doesNotContain(name);
        assertThat(rest(endpoint(), "GET", path, billingBasic(), null).statusCode())
                .isEqualTo(404);
        assertThat(rest(endpoint(), "DELETE", path, billingBasic(), null).statusCode())
                .isEqualTo(404);

        try (KinesisVideoClient billing = client(TwoAccounts.billing());
                KinesisVideoClient orders = client(TwoAccounts.orders())) {
            String arn =
                    orders.describeStream(r -> r.streamName(name)).streamInfo().streamARN();

            assertThat(billing.listStreams(r -> {}).streamInfoList())
                    .extracting(StreamInfo::streamName)
                    .doesNotContain(name);
            assertThatThrownBy(() -> billing.describeStream(r -> r.streamName(name)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> billing.describeStream(r -> r.streamARN(arn)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() ->
                            billing.getDataEndpoint(r -> r.streamName(name).apiName(APIName.PUT_MEDIA)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> billing.deleteStream(r -> r.streamARN(arn)))
                    .isInstanceOf(ResourceNotFoundException.class);

            // still there, for its own account, on both faces
            assertThat(orders.describeStream(r -> r.streamARN(arn)).streamInfo().streamName())
                    .isEqualTo(name);
            assertThat(rest(endpoint(), "GET", path, ordersBasic(), null).statusCode())
                    .isEqualTo(200);
        }
    }

    private KinesisVideoClient client(AwsCredentialsProvider credentials) {
        return KinesisVideoClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
