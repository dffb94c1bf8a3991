package dev.shardline.analytics.application.web;

import static dev.shardline.platform.testing.TwoAccounts.billingBasic;
import static dev.shardline.platform.testing.TwoAccounts.ordersBasic;
import static dev.shardline.platform.testing.TwoAccounts.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.analytics.AnalyticsIntegrationTest;
import dev.shardline.platform.testing.TwoAccounts;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationSummary;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;

/**
 * {@code shardline.security.mode=enforce} with two accounts: the REST API and the actuator need a key pair, and one
 * account's application is invisible and untouchable to the other's key, over {@code /v1} and the AWS SDK.
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
class AnalyticsEnforcedAccountsTest extends AnalyticsIntegrationTest {

    @Test
    void theRestApiAndTheActuatorNeedTheKeyPairAndHealthDoesNot() throws Exception {
        TwoAccounts.assertRestFacesNeedTheKeys(endpoint(), "/v1/applications");
    }

    @Test
    void anotherAccountsApplicationIsNeitherVisibleNorTouchable() throws Exception {
        String name = uniqueName("orders");
        HttpResponse<String> created = rest(
                endpoint(),
                "POST",
                "/v1/applications",
                ordersBasic(),
                "{\"name\":\"" + name + "\",\"sql\":\"INSERT INTO a SELECT 1;\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains(":" + TwoAccounts.ORDERS_ACCOUNT + ":application/" + name);
        String path = "/v1/applications/" + name;

        assertThat(rest(endpoint(), "GET", "/v1/applications", billingBasic(), null)
                        .body())
                .doesNotContain(name);
        assertThat(rest(endpoint(), "GET", path, billingBasic(), null).statusCode())
                .isEqualTo(404);
        assertThat(rest(endpoint(), "POST", path + "/start", billingBasic(), null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(rest(endpoint(), "DELETE", path, billingBasic(), null).statusCode())
                .isEqualTo(404);

        try (KinesisAnalyticsV2Client billing = client(TwoAccounts.billing());
                KinesisAnalyticsV2Client orders = client(TwoAccounts.orders())) {
            assertThat(billing.listApplications(r -> {}).applicationSummaries())
                    .extracting(ApplicationSummary::applicationName)
                    .doesNotContain(name);
            assertThatThrownBy(() -> billing.describeApplication(r -> r.applicationName(name)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> billing.startApplication(r -> r.applicationName(name)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> billing.deleteApplication(
                            r -> r.applicationName(name).createTimestamp(Instant.now())))
                    .isInstanceOf(ResourceNotFoundException.class);

            // still there, for its own account, on both faces
            assertThat(orders.describeApplication(r -> r.applicationName(name))
                            .applicationDetail()
                            .applicationARN())
                    .contains(":" + TwoAccounts.ORDERS_ACCOUNT + ":application/" + name);
            assertThat(rest(endpoint(), "GET", path, ordersBasic(), null).statusCode())
                    .isEqualTo(200);
        }
    }

    private KinesisAnalyticsV2Client client(AwsCredentialsProvider credentials) {
        return KinesisAnalyticsV2Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
