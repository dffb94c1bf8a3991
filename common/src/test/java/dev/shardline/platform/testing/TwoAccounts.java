package dev.shardline.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Two accounts with a key each, for the services' tests under {@code shardline.security.mode=enforce}: list the
 * property constants in the test's {@code @SpringBootTest}/{@code @TestPropertySource}, call {@code /v1} with
 * {@link #rest}, and the AWS SDK with {@link #orders()} / {@link #billing()}.
 */
public final class TwoAccounts {

    public static final String ORDERS_KEY_ID = "AKIDORDERS";
    public static final String ORDERS_SECRET = "orders-secret-for-tests";
    public static final String ORDERS_ACCOUNT = "111122223333";
    public static final String BILLING_KEY_ID = "AKIDBILLING";
    public static final String BILLING_SECRET = "billing-secret-for-tests";
    public static final String BILLING_ACCOUNT = "444455556666";

    public static final String ENFORCE = "shardline.security.mode=enforce";
    public static final String ORDERS_0 = "shardline.security.credentials[0].access-key-id=" + ORDERS_KEY_ID;
    public static final String ORDERS_1 = "shardline.security.credentials[0].secret-access-key=" + ORDERS_SECRET;
    public static final String ORDERS_2 = "shardline.security.credentials[0].account-id=" + ORDERS_ACCOUNT;
    public static final String BILLING_0 = "shardline.security.credentials[1].access-key-id=" + BILLING_KEY_ID;
    public static final String BILLING_1 = "shardline.security.credentials[1].secret-access-key=" + BILLING_SECRET;
    public static final String BILLING_2 = "shardline.security.credentials[1].account-id=" + BILLING_ACCOUNT;
    /** The actuator endpoints a standalone service exposes (ServiceApplications' defaults). */
    public static final String ACTUATOR = "management.endpoints.web.exposure.include=health,info,metrics,prometheus";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TwoAccounts() {}

    public static StaticCredentialsProvider orders() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ORDERS_KEY_ID, ORDERS_SECRET));
    }

    public static StaticCredentialsProvider billing() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(BILLING_KEY_ID, BILLING_SECRET));
    }

    public static String ordersBasic() {
        return basic(ORDERS_KEY_ID, ORDERS_SECRET);
    }

    public static String billingBasic() {
        return basic(BILLING_KEY_ID, BILLING_SECRET);
    }

    /** An {@code Authorization: Basic} value, as {@code curl -u keyId:secret} sends it. */
    public static String basic(String keyId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((keyId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** A REST call; {@code authorization} and {@code json} may be null. */
    public static HttpResponse<String> rest(URI endpoint, String method, String path, String authorization, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * What every service's REST faces must do in enforce mode: {@code listPath} (a {@code /v1} list) and the
     * Prometheus scrape refuse a call without credentials or with a wrong secret (401, Basic challenge) and answer the
     * right key pair; health answers anyone.
     */
    public static void assertRestFacesNeedTheKeys(URI endpoint, String listPath) throws Exception {
        for (String path : new String[] {listPath, "/actuator/prometheus"}) {
            HttpResponse<String> none = rest(endpoint, "GET", path, null, null);
            assertThat(none.statusCode()).as("%s without credentials", path).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"shardline\"");
            assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(none.body()).contains("\"awsErrorType\":\"MissingAuthenticationTokenException\"");

            HttpResponse<String> wrong = rest(endpoint, "GET", path, basic(ORDERS_KEY_ID, BILLING_SECRET), null);
            assertThat(wrong.statusCode()).as("%s with a wrong secret", path).isEqualTo(401);
            assertThat(wrong.body()).contains("\"awsErrorType\":\"UnrecognizedClientException\"");

            assertThat(rest(endpoint, "GET", path, ordersBasic(), null).statusCode())
                    .as("%s with the key pair", path)
                    .isEqualTo(200);
        }
        assertThat(rest(endpoint, "GET", "/actuator/health", null, null).statusCode())
                .isEqualTo(200);
    }
}
