package dev.shardline.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST faces under {@code shardline.security.mode=enforce}, over real HTTP: HTTP Basic with a configured key pair
 * or a SigV4 signature, refusals as 401 problem details with a Basic challenge, and the key's account as the account a
 * {@code /v1} call acts in. Shares {@link SigV4WireTest}'s context (same application and properties).
 */
@SpringBootTest(
        classes = SigV4WireTest.EnforcingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "shardline.security.mode=enforce",
            "shardline.security.credentials[0].access-key-id=123456789012",
            "shardline.security.credentials[0].secret-access-key=wire/Secret+Key",
            "shardline.security.credentials[0].account-id=444455556666",
            "shardline.security.credentials-file=src/test/resources/sigv4/credentials.txt",
            "server.http2.enabled=true"
        })
class RestAuthenticationTest {

    private static final String KEY_ID = "123456789012";
    private static final String SECRET = "wire/Secret+Key";

    @Value("${local.server.port}")
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = JsonMapper.builder().build();

    /** A /v1 resource that answers with the account and region the caller acts in. */
    @RestController
    static class WhoAmI {

        private final RestCaller caller;

        WhoAmI(RestCaller caller) {
            this.caller = caller;
        }

        @GetMapping("/v1/whoami")
        String whoAmI() {
            return caller.accountId() + " " + caller.region();
        }

        @PostMapping("/v1/echo-account")
        String echo(@RequestBody String body) {
            return caller.accountId() + " " + caller.region() + ":" + body;
        }
    }

    @Test
    void withoutCredentialsTheRestApiIs401WithABasicChallengeAndProblemDetails() throws Exception {
        HttpResponse<String> response = get("/v1/whoami", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"shardline\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("awsErrorType").asString()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(problem.get("title").asString()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(problem.get("detail").asString()).isEqualTo("Missing Authentication Token");
        assertThat(problem.get("instance").asString()).isEqualTo("/v1/whoami");
    }

    @Test
    void basicWithAConfiguredKeyPairActsInTheKeysAccount() throws Exception {
        HttpResponse<String> properties = get("/v1/whoami", basic(KEY_ID, SECRET));
        HttpResponse<String> file = get("/v1/whoami", basic("AKIDFROMFILE", "file/Secret+Key"));

        assertThat(properties.statusCode()).isEqualTo(200);
        // a 12-digit key id names no account in enforce mode: its configured account does
        assertThat(properties.body()).isEqualTo("444455556666 us-east-1");
        assertThat(file.body()).isEqualTo("777788889999 us-east-1");
    }

    @Test
    void aWrongSecretAndAnUnknownKeyAreRefusedAlike() throws Exception {
        HttpResponse<String> wrongSecret = get("/v1/whoami", basic(KEY_ID, "not-the-secret"));
        HttpResponse<String> unknownKey = get("/v1/whoami", basic("AKIDUNKNOWN", SECRET));
        HttpResponse<String> notBase64 = get("/v1/whoami", "Basic %%%");
        HttpResponse<String> bearer = get("/v1/whoami", "Bearer abc");

        for (HttpResponse<String> refused : java.util.List.of(wrongSecret, unknownKey, notBase64, bearer)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"shardline\"");
        }
        assertThat(wrongSecret.body()).isEqualTo(unknownKey.body().replace("AKIDUNKNOWN", KEY_ID));
        assertThat(json.readTree(wrongSecret.body()).get("detail").asString())
                .isEqualTo("The security token included in the request is invalid.");
        assertThat(notBase64.body()).contains("IncompleteSignatureException");
    }

    @Test
    void aSigV4SignedRequestActsInTheKeysAccountAndItsBodyIsCovered() throws Exception {
        byte[] body = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(KEY_ID, SECRET))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(URI.create("http://localhost:" + port + "/v1/echo-account"))
                                .putHeader("Content-Type", "application/json")
                                .build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1"))
                .request();

        HttpResponse<String> ok = send(signed, body);
        HttpResponse<String> tampered = send(signed, "{\"hello\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("444455556666 eu-west-1:{\"hello\":1}");
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).contains("InvalidSignatureException");
    }

    @Test
    void anEncodedPathIsProtectedAsTheHandlerSeesIt() throws Exception {
        // %76 is 'v': the container decodes it before the handler mappings match /v1/whoami
        assertThat(get("/%761/whoami", null).statusCode()).isEqualTo(401);
        assertThat(get("/v1/./whoami", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theAwsWireKeepsItsOwnErrorsAndPathsOutsideTheFacesAreUntouched() {
        assertThat(RestAuthenticationFilter.isProtected("/v1")).isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/v1/streams/s")).isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/console")).isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/console/streams/s")).isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/actuator")).isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/actuator/prometheus")).isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/actuator/health/db")).isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/v3/api-docs")).isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/v3/api-docs.yaml")).isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/v3/api-docs/swagger-config"))
                .isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/swagger-ui.html")).isTrue();
        assertThat(RestAuthenticationFilter.isProtected("/swagger-ui/index.html"))
                .isTrue();

        assertThat(RestAuthenticationFilter.isProtected("/actuator/health")).isFalse();
        assertThat(RestAuthenticationFilter.isProtected("/actuator/health/liveness"))
                .isFalse();
        assertThat(RestAuthenticationFilter.isProtected("/actuator/health/readiness"))
                .isFalse();
        // the AWS wire verifies its own signatures, in its own error shape
        assertThat(RestAuthenticationFilter.isProtected("/")).isFalse();
        assertThat(RestAuthenticationFilter.isProtected("/describeStream")).isFalse();
        assertThat(RestAuthenticationFilter.isProtected("/v10")).isFalse();
    }

    @Test
    void curlWithUserAndPasswordCallsTheRestApi() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("curl", "--version").start().waitFor() == 0, "curl is not installed");
        Process curl = new ProcessBuilder(
                        "curl", "-sS", "-u", KEY_ID + ":" + SECRET, "http://localhost:" + port + "/v1/whoami")
                .redirectErrorStream(true)
                .start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(curl.waitFor()).isZero();
        assertThat(output).isEqualTo("444455556666 us-east-1");
    }

    @Test
    void curlsSigV4SignerCallsTheRestApiInTheScopesRegion() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("curl", "--version").start().waitFor() == 0, "curl is not installed");
        Process curl = new ProcessBuilder(
                        "curl",
                        "-sS",
                        "--aws-sigv4",
                        "aws:amz:eu-west-1:execute-api",
                        "--user",
                        KEY_ID + ":" + SECRET,
                        "-H",
                        "Content-Type: application/json",
                        "--data",
                        "{\"n\":1}",
                        "http://localhost:" + port + "/v1/echo-account")
                .redirectErrorStream(true)
                .start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(curl.waitFor()).isZero();
        assertThat(output).isEqualTo("444455556666 eu-west-1:{\"n\":1}");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(SdkHttpRequest signed, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri())
                .method(signed.method().name(), HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String keyId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((keyId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
