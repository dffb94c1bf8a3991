package dev.shardline.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.auth.SecurityProperties.Credential;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The verifier against requests signed by other clients than the SDK for Java v2 (which {@code SigV4WireTest} drives
 * over HTTP): botocore (boto3, the AWS CLI), the SDK for JavaScript v3, a request that signs User-Agent and Expect as
 * the SDK for Java v1 does, and AWS's own documented example. The signed requests were captured from the real signers
 * (the scripts beside the JSON files in {@code src/test/resources/sigv4}), so the verifier is checked against them,
 * not against itself; each is verified at a clock one minute after it was signed.
 */
class SigV4VerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    private static final CredentialStore KEYS = new CredentialStore(List.of(
            new Credential("AKIDBOTOCORE", "botocore/Secret+Key", "111111111111"),
            new Credential("AKIDJSV3", "js/Secret+Key", "222222222222")));

    @Test
    void awsDocumentedExampleGivesAwsDocumentedSignature() {
        // "Create a signed AWS API request" (IAM ListUsers, 2015-08-30), AWS's worked example of SigV4
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        headers.put("host", List.of("iam.amazonaws.com"));
        headers.put("x-amz-date", List.of("20150830T123600Z"));
        SignedRequest request =
                new SignedRequest("GET", "/", "Action=ListUsers&Version=2010-05-08", headers, new byte[0]);

        String canonical = SigV4.canonicalRequest(
                request, List.of("content-type", "host", "x-amz-date"), SigV4.sha256Hex(new byte[0]), false);

        assertThat(SigV4.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
        assertThat(SigV4.signature(
                        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                        "20150830",
                        "us-east-1",
                        "iam",
                        SigV4.stringToSign("20150830T123600Z", "20150830/us-east-1/iam/aws4_request", canonical)))
                .isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    @Test
    void botocoreSignedRequestPassesAndRunsInTheKeysAccount() throws IOException {
        Captured boto = captured("botocore.json", "header");

        SigV4Verifier.Caller caller =
                verifierAt(boto.signedAt().plusSeconds(60)).verify(boto.request());

        assertThat(caller).isEqualTo(new SigV4Verifier.Caller("AKIDBOTOCORE", "111111111111", "eu-west-1", "kinesis"));
    }

    @Test
    void botocoreEncodesThePathTwiceAsTheVerifierDoes() throws IOException {
        Captured boto = captured("botocore.json", "path");
        assertThat(boto.request().rawPath()).isEqualTo("/some%20path/a:b");

        assertThat(verifierAt(boto.signedAt().plusSeconds(60))
                        .verify(boto.request())
                        .service())
                .isEqualTo("kinesisvideo");
    }

    @Test
    void botocorePresignedUrlPassesUntilItExpires() throws IOException {
        Captured boto = captured("botocore.json", "presigned");

        assertThat(verifierAt(boto.signedAt().plusSeconds(299))
                        .verify(boto.request())
                        .accountId())
                .isEqualTo("111111111111");
        assertThatThrownBy(() -> verifierAt(boto.signedAt().plusSeconds(301)).verify(boto.request()))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.errorType()).isEqualTo(AwsErrorType.INVALID_SIGNATURE);
                    assertThat(e.getMessage())
                            .startsWith("Signature expired: " + boto.amzDate() + " is now earlier than");
                });
    }

    @Test
    void aRequestThatSignsUserAgentAndExpectAsTheSdkForJavaV1DoesPasses() throws IOException {
        Captured v1 = captured("botocore.json", "useragent");
        assertThat(v1.request().header("authorization")).contains("SignedHeaders=content-type;expect;host;user-agent;");

        assertThat(verifierAt(v1.signedAt().plusSeconds(60))
                        .verify(v1.request())
                        .accountId())
                .isEqualTo("111111111111");

        // and the user agent is then covered: another one fails
        Map<String, List<String>> headers = new LinkedHashMap<>(v1.request().headers());
        headers.put("user-agent", List.of("curl/8.0"));
        SignedRequest changed =
                new SignedRequest("POST", "/", null, headers, v1.request().payload());
        assertRefused(verifierAt(v1.signedAt().plusSeconds(60)), changed, AwsErrorType.INVALID_SIGNATURE);
    }

    @Test
    void jsSdkV3SignedRequestWithItsOwnHeadersPasses() throws IOException {
        Captured js = captured("js-sdk-v3.json", "header");

        assertThat(verifierAt(js.signedAt().plusSeconds(60)).verify(js.request()))
                .isEqualTo(new SigV4Verifier.Caller("AKIDJSV3", "222222222222", "eu-west-1", "kinesis"));
    }

    @Test
    void jsSdkV3KinesisClientOverHttp2SigningAuthorityInsteadOfHostPasses() throws IOException {
        Captured js = captured("js-sdk-v3.json", "http2");
        assertThat(js.request().header("authorization")).contains("SignedHeaders=:authority;");

        assertThat(verifierAt(js.signedAt().plusSeconds(60))
                        .verify(js.request())
                        .accountId())
                .isEqualTo("222222222222");
    }

    @Test
    void jsSdkV3PresignedUrlPasses() throws IOException {
        Captured js = captured("js-sdk-v3.json", "presigned");

        assertThat(verifierAt(js.signedAt().plusSeconds(60))
                        .verify(js.request())
                        .region())
                .isEqualTo("eu-west-1");
    }

    @Test
    void aStreamedBodySignedAsUnsignedPayloadPassesOnlyWhereTheActionStreamsIt() throws IOException {
        Captured js = captured("js-sdk-v3.json", "streamed");
        SigV4Verifier verifier = verifierAt(js.signedAt().plusSeconds(60));

        assertThat(verifier.verify(js.request()).accountId()).isEqualTo("222222222222");

        // the same request to an action whose body is read first: its hash is taken, UNSIGNED-PAYLOAD is no answer
        SignedRequest buffered =
                new SignedRequest("POST", "/putMedia", null, js.request().headers(), "media-bytes".getBytes());
        assertRefused(verifier, buffered, AwsErrorType.INVALID_SIGNATURE);
    }

    @Test
    void aTamperedBodyOrQueryIsAnInvalidSignature() throws IOException {
        Captured boto = captured("botocore.json", "header");
        SignedRequest tampered =
                new SignedRequest("POST", "/", null, boto.request().headers(), "{\"StreamName\":\"other\"}".getBytes());
        assertRefused(verifierAt(boto.signedAt().plusSeconds(60)), tampered, AwsErrorType.INVALID_SIGNATURE);

        Captured presigned = captured("botocore.json", "presigned");
        SignedRequest otherName = new SignedRequest(
                "GET",
                presigned.request().rawPath(),
                presigned.request().rawQuery().replace("Name=a%20b%2Fc", "Name=x"),
                presigned.request().headers(),
                new byte[0]);
        assertRefused(verifierAt(presigned.signedAt().plusSeconds(60)), otherName, AwsErrorType.INVALID_SIGNATURE);
    }

    @Test
    void aSignatureFromTheFutureBeyondTheSkewIsRefused() throws IOException {
        Captured boto = captured("botocore.json", "header");

        assertThatThrownBy(() -> verifierAt(boto.signedAt().minusSeconds(301)).verify(boto.request()))
                .isInstanceOfSatisfying(
                        AwsException.class,
                        e -> assertThat(e.getMessage())
                                .startsWith("Signature not yet current: " + boto.amzDate() + " is still later than")
                                .endsWith(" + 5 min.)"));
    }

    @Test
    void secretsAreMaskedInToString() {
        Credential credential = new Credential("AKIDBOTOCORE", "botocore/Secret+Key", "111111111111");

        assertThat(credential.toString()).doesNotContain("Secret").contains("AKIDBOTOCORE", "111111111111");
        assertThat(KEYS.toString()).doesNotContain("Secret+Key");
        assertThat(new SecurityProperties(SecurityMode.ENFORCE, List.of(credential), null).toString())
                .doesNotContain("Secret+Key");
    }

    private static void assertRefused(SigV4Verifier verifier, SignedRequest request, AwsErrorType type) {
        assertThatThrownBy(() -> verifier.verify(request))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(type));
    }

    private static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(KEYS, Clock.fixed(now, ZoneOffset.UTC));
    }

    record Captured(SignedRequest request, String amzDate) {
        Instant signedAt() {
            return LocalDateTime.parse(amzDate, BASIC).toInstant(ZoneOffset.UTC);
        }
    }

    /** One captured request: its URL (or path and query), headers and body, as the signer would have sent them. */
    private static Captured captured(String file, String name) throws IOException {
        JsonNode node;
        try (InputStream in = SigV4VerifierTest.class.getResourceAsStream("/sigv4/" + file)) {
            node = JSON.readTree(in).get(name);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : node.get("headers").properties()) {
            headers.put(
                    header.getKey().toLowerCase(Locale.ROOT),
                    List.of(header.getValue().asString()));
        }
        // every client sends Host; botocore adds it on the wire from the URL
        headers.putIfAbsent("host", List.of("localhost:4566"));
        String path;
        String query;
        if (node.has("url")) {
            URI url = URI.create(node.get("url").asString());
            path = url.getRawPath();
            query = url.getRawQuery();
        } else {
            path = node.has("path") ? node.get("path").asString() : "/";
            List<String> pairs = new ArrayList<>();
            if (node.has("query")) {
                for (Map.Entry<String, JsonNode> parameter : node.get("query").properties()) {
                    pairs.add(SigV4.uriEncode(parameter.getKey(), false) + "="
                            + SigV4.uriEncode(parameter.getValue().asString(), false));
                }
            }
            query = pairs.isEmpty() ? null : String.join("&", pairs);
        }
        boolean streamed = node.has("streamed");
        byte[] body = streamed
                ? null
                : node.has("body") ? node.get("body").asString().getBytes(StandardCharsets.UTF_8) : new byte[0];
        String method = node.has("body") || streamed ? "POST" : "GET";
        String amzDate = headers.containsKey("x-amz-date")
                ? headers.get("x-amz-date").get(0)
                : query.replaceAll(".*X-Amz-Date=([0-9TZ]+).*", "$1");
        return new Captured(new SignedRequest(method, path, query, headers, body), amzDate);
    }
}
