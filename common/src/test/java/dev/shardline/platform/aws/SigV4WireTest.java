package dev.shardline.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * {@code shardline.security.mode=enforce} over real HTTP: the AWS SDK for Java v2's KMS client at its defaults
 * against a test action shaped like KMS's DescribeKey (JSON 1.1, also sent as CBOR), and requests signed by the SDK's
 * own {@link AwsV4HttpSigner} (Authorization header and presigned query) against it and a REST-JSON route.
 */
@SpringBootTest(
        classes = SigV4WireTest.EnforcingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "shardline.security.mode=enforce",
            // a 12-digit key id: in enforce mode it names no account, its configured account does
            "shardline.security.credentials[0].access-key-id=123456789012",
            "shardline.security.credentials[0].secret-access-key=wire/Secret+Key",
            "shardline.security.credentials[0].account-id=444455556666",
            "shardline.security.credentials-file=src/test/resources/sigv4/credentials.txt",
            // h2c as the all-in-one runtime speaks it, for a client that signs over HTTP/2 (no Host header there)
            "server.http2.enabled=true"
        })
class SigV4WireTest {

    private static final String KEY_ID = "123456789012";
    private static final String SECRET = "wire/Secret+Key";
    private static final String ACCOUNT = "444455556666";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
            + " details.";

    @Value("${local.server.port}")
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private KmsClient kms;

    record DescribeKeyRequest(String keyId) {}

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(
            excludeName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
            })
    @Import({AwsProtocolConfiguration.class, RestAuthenticationTest.WhoAmI.class, RestRequestErrorsTest.Things.class})
    static class EnforcingApplication {

        /** KMS's DescribeKey, answering with the caller's account as the key's owner. */
        @Bean
        AwsJsonService toyKms() {
            return new AwsJsonService() {
                @Override
                public String targetPrefix() {
                    return "TrentService";
                }

                @Override
                public List<AwsAction<?, ?>> actions() {
                    return List.of(AwsAction.of(
                            "DescribeKey",
                            DescribeKeyRequest.class,
                            (request, context) -> Map.of(
                                    "KeyMetadata",
                                    Map.of(
                                            "KeyId",
                                            request.keyId(),
                                            "AWSAccountId",
                                            context.accountId(),
                                            "Arn",
                                            "arn:aws:kms:" + context.region() + ":" + context.accountId() + ":key/"
                                                    + request.keyId()))));
                }
            };
        }

        @Bean
        AwsRestJsonService toyVideo() {
            return new AwsRestJsonService() {
                @Override
                public String name() {
                    return "toyvideo";
                }

                @Override
                public List<AwsRestRoute<?, ?>> routes() {
                    return List.of(
                            AwsRestRoute.post(
                                    "/describeStream",
                                    AwsRestJsonEndpointTest.CreateStreamRequest.class,
                                    (request, context) -> Map.of(
                                            "StreamInfo",
                                            Map.of(
                                                    "StreamName",
                                                    request.streamName(),
                                                    "StreamARN",
                                                    "arn:aws:kinesisvideo:" + context.region() + ":"
                                                            + context.accountId() + ":stream/"
                                                            + request.streamName() + "/1"))),
                            AwsRestRoute.post("/putMedia", AwsRestRequest.class, (request, context) -> {
                                try {
                                    return ResponseEntity.ok(context.accountId() + ":"
                                            + new String(request.body().readAllBytes()));
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }));
                }
            };
        }
    }

    @AfterEach
    void closeClient() {
        if (kms != null) {
            kms.close();
        }
    }

    private KmsClient kms(String keyId, String secret) {
        kms = KmsClient.builder()
                .endpointOverride(URI.create("http://localhost:" + port))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .build();
        return kms;
    }

    @Test
    void theSdkClientWithTheRightKeysRunsInTheKeysConfiguredAccount() {
        KeyMetadata key =
                kms(KEY_ID, SECRET).describeKey(r -> r.keyId("alias/orders")).keyMetadata();

        assertThat(key.awsAccountId()).isEqualTo(ACCOUNT);
        assertThat(key.arn()).isEqualTo("arn:aws:kms:eu-west-1:444455556666:key/alias/orders");
    }

    @Test
    void aKeyFromTheCredentialsFileRunsInItsAccount() {
        KeyMetadata key = kms("AKIDFROMFILE", "file/Secret+Key")
                .describeKey(r -> r.keyId("k"))
                .keyMetadata();

        assertThat(key.awsAccountId()).isEqualTo("777788889999");
    }

    @Test
    void theWrongSecretIsAnInvalidSignature() {
        assertThatThrownBy(() -> kms(KEY_ID, "not-the-secret").describeKey(r -> r.keyId("k")))
                .isInstanceOfSatisfying(KmsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(MISMATCH);
                });
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClient() {
        assertThatThrownBy(() -> kms("AKIDUNKNOWN", SECRET).describeKey(r -> r.keyId("k")))
                .isInstanceOfSatisfying(KmsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The security token included in the request is invalid.");
                });
    }

    @Test
    void noAuthorizationIsAMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = send(json("{\"KeyId\":\"k\"}").build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(response.body()).contains("\"message\":\"Missing Authentication Token\"");
    }

    @Test
    void aGarbageAuthorizationIsAnIncompleteSignature() throws Exception {
        HttpResponse<String> response = send(json("{\"KeyId\":\"k\"}")
                .header("Authorization", "garbage")
                .header("X-Amz-Date", "20261203T120000Z")
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("IncompleteSignatureException");
        assertThat(response.body())
                .contains("Authorization header requires 'Credential' parameter. Authorization header requires"
                        + " 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."
                        + " Authorization=garbage");
    }

    @Test
    void aRequestSignedSixMinutesAgoHasExpired() throws Exception {
        byte[] body = "{\"KeyId\":\"k\"}".getBytes(StandardCharsets.UTF_8);
        Clock sixMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC);

        HttpResponse<String> response =
                send(signedTarget(body, s -> s.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, sixMinutesAgo)), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(response.body())
                .containsPattern("Signature expired: \\d{8}T\\d{6}Z is now earlier than"
                        + " \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)");
    }

    @Test
    void aTamperedBodyIsAnInvalidSignature() throws Exception {
        SdkHttpRequest signed = signedTarget("{\"KeyId\":\"mine\"}".getBytes(StandardCharsets.UTF_8), s -> {});

        HttpResponse<String> response = send(signed, "{\"KeyId\":\"your\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(response.body()).contains(MISMATCH);
    }

    @Test
    void aPresignedUrlPassesAndAnExpiredOrTamperedOneFails() throws Exception {
        byte[] body = "{\"KeyId\":\"k\"}".getBytes(StandardCharsets.UTF_8);
        Consumer<SignRequest.Builder<AwsCredentialsIdentity>> presign =
                s -> s.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60));

        SdkHttpRequest presigned = signedTarget(body, presign);
        assertThat(presigned.headers()).doesNotContainKey("Authorization");
        assertThat(presigned.getUri().getRawQuery()).contains("X-Amz-Signature=");
        HttpResponse<String> passes = send(presigned, body);
        assertThat(passes.statusCode()).isEqualTo(200);
        assertThat(passes.body()).contains("\"AWSAccountId\":\"444455556666\"");

        Clock twoMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(2)), ZoneOffset.UTC);
        HttpResponse<String> expired = send(
                signedTarget(body, presign.andThen(s -> s.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, twoMinutesAgo))),
                body);
        assertThat(expired.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(expired.body()).contains("Signature expired:").contains("- 1 min.)");

        SdkHttpRequest tampered = presigned.toBuilder()
                .uri(URI.create(presigned.getUri() + "&Extra=1"))
                .build();
        assertThat(send(tampered, body).headers().firstValue("x-amzn-ErrorType"))
                .contains("InvalidSignatureException");
    }

    @Test
    void aCborRequestIsVerifiedOverItsBinaryBody() throws Exception {
        byte[] body = AwsWireFormat.CBOR.mapper().writeValueAsBytes(Map.of("KeyId", "k"));
        SdkHttpRequest signed = sign(
                SdkHttpRequest.builder()
                        .method(SdkHttpMethod.POST)
                        .uri(URI.create("http://localhost:" + port + "/"))
                        .putHeader("Content-Type", "application/x-amz-cbor-1.1")
                        .putHeader("X-Amz-Target", "TrentService.DescribeKey")
                        .build(),
                body,
                "kms",
                s -> {});

        HttpResponse<byte[]> response = http.send(request(signed, body), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AwsWireFormat.CBOR
                        .mapper()
                        .readTree(response.body())
                        .at("/KeyMetadata/AWSAccountId")
                        .asString())
                .isEqualTo(ACCOUNT);

        byte[] other = AwsWireFormat.CBOR.mapper().writeValueAsBytes(Map.of("KeyId", "x"));
        HttpResponse<byte[]> tampered = http.send(request(signed, other), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tampered.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
    }

    @Test
    void restJsonIsVerifiedAndARefusedCallerIs403() throws Exception {
        byte[] body = "{\"StreamName\":\"cam\"}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest describe = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://localhost:" + port + "/describeStream"))
                .putHeader("Content-Type", "application/json")
                .build();

        HttpResponse<String> passes = send(sign(describe, body, "kinesisvideo", s -> {}), body);
        assertThat(passes.statusCode()).isEqualTo(200);
        assertThat(passes.body()).contains("arn:aws:kinesisvideo:eu-west-1:444455556666:stream/cam/1");

        HttpResponse<String> unsigned = send(describe, body);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");

        SdkHttpRequest wrongKey = signWith("AKIDUNKNOWN", SECRET, describe, body, "kinesisvideo", s -> {});
        HttpResponse<String> unknown = send(wrongKey, body);
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).contains("\"Message\":\"The security token included in the request is invalid.\"");
    }

    @Test
    void aStreamedBodyIsCheckedAgainstTheHashItsSignerDeclared() throws Exception {
        byte[] media = "fragment-bytes".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest putMedia = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://localhost:" + port + "/putMedia"))
                .putHeader("x-amzn-stream-name", "cam")
                .build();
        // over http the SDK signs the body's hash even where payload signing is off, and declares it in a header
        SdkHttpRequest signed = sign(
                putMedia, media, "kinesisvideo", s -> s.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        assertThat(signed.firstMatchingHeader("x-amz-content-sha256"))
                .hasValueSatisfying(h -> assertThat(h).hasSize(64));

        HttpResponse<String> response = send(signed, media);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ACCOUNT + ":fragment-bytes");

        HttpResponse<String> other = send(signed, "other-bytes!!!".getBytes(StandardCharsets.UTF_8));
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
    }

    @Test
    void curlsOwnSignerOverHttp2PassesAndRunsInTheKeysAccount() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("curl", "--version").start().waitFor() == 0, "curl is not installed");
        Process curl = new ProcessBuilder(
                        "curl",
                        "-sS",
                        "--http2-prior-knowledge",
                        "--aws-sigv4",
                        "aws:amz:eu-west-1:kms",
                        "--user",
                        KEY_ID + ":" + SECRET,
                        "-H",
                        "Content-Type: application/x-amz-json-1.1",
                        "-H",
                        "X-Amz-Target: TrentService.DescribeKey",
                        "--data",
                        "{\"KeyId\":\"k\"}",
                        "-w",
                        "\n%{http_version} %{http_code}",
                        "http://localhost:" + port + "/")
                .redirectErrorStream(true)
                .start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).isZero();

        assertThat(output).contains("\"AWSAccountId\":\"444455556666\"").endsWith("\n2 200");
    }

    private HttpRequest.Builder json(String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "TrentService.DescribeKey")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private SdkHttpRequest signedTarget(byte[] body, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        return sign(
                SdkHttpRequest.builder()
                        .method(SdkHttpMethod.POST)
                        .uri(URI.create("http://localhost:" + port + "/"))
                        .putHeader("Content-Type", "application/x-amz-json-1.1")
                        .putHeader("X-Amz-Target", "TrentService.DescribeKey")
                        .build(),
                body,
                "kms",
                options);
    }

    private static SdkHttpRequest sign(
            SdkHttpRequest request,
            byte[] body,
            String service,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        return signWith(KEY_ID, SECRET, request, body, service, options);
    }

    /** Signed as the SDK signs: its own AwsV4HttpSigner, with the options a client of that service would use. */
    private static SdkHttpRequest signWith(
            String keyId,
            String secret,
            SdkHttpRequest request,
            byte[] body,
            String service,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        return AwsV4HttpSigner.create()
                .sign(r -> {
                    r.identity(AwsCredentialsIdentity.create(keyId, secret))
                            .request(request)
                            .payload(ContentStreamProvider.fromByteArray(body))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                            .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1");
                    options.accept(r);
                })
                .request();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(SdkHttpRequest signed, byte[] body) throws Exception {
        return http.send(request(signed, body), HttpResponse.BodyHandlers.ofString());
    }

    /** The signed request on the wire; Host is the one the JDK client sends, the same the signer signed. */
    private static HttpRequest request(SdkHttpRequest signed, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri())
                .method(signed.method().name(), HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }
}
