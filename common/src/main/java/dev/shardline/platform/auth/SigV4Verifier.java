package dev.shardline.platform.auth;

import dev.shardline.platform.auth.SecurityProperties.Credential;
import dev.shardline.platform.error.AwsErrorType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Verifies a request's SigV4 signature, in its Authorization header or in a presigned URL's query, against the
 * configured credentials, and tells who signed it: the access key, its account and the region it signed for. Every
 * refusal is one of AWS's: MissingAuthenticationTokenException, IncompleteSignatureException,
 * UnrecognizedClientException, InvalidSignatureException.
 */
public final class SigV4Verifier {

    /** AWS's allowed clock skew between a signer and the service. */
    static final Duration SKEW = Duration.ofMinutes(5);

    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
            + " details.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    /** Who signed a verified request. */
    public record Caller(String accessKeyId, String accountId, String region, String service) {}

    private final CredentialStore credentials;
    private final Clock clock;

    public SigV4Verifier(CredentialStore credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * @throws dev.shardline.platform.error.AwsException MissingAuthenticationToken, IncompleteSignature,
     *     UnrecognizedClient or InvalidSignature, with AWS's wording
     */
    public Caller verify(SignedRequest request) {
        List<Map.Entry<String, String>> query = QueryParameters.parse(request.rawQuery());
        String authorization = request.header("authorization");
        SigV4Parser.Signature signature;
        if (authorization != null) {
            signature = SigV4Parser.fromHeader(authorization, request);
        } else if (QueryParameters.first(query, "X-Amz-Algorithm") != null) {
            signature = SigV4Parser.fromQuery(query);
        } else {
            throw AwsErrorType.MISSING_AUTHENTICATION_TOKEN.exception("Missing Authentication Token");
        }

        String[] scope = signature.credential().split("/", -1);
        if (scope.length != 5) {
            throw AwsErrorType.INCOMPLETE_SIGNATURE.exception(
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
                            + " got '" + signature.credential() + "'");
        }
        String keyId = scope[0];
        String date = scope[1];
        String region = scope[2];
        String service = scope[3];
        if (!scope[4].equals(SigV4.TERMINATOR)) {
            throw AwsErrorType.INVALID_SIGNATURE.exception(
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '" + scope[4] + "'.");
        }
        Instant signedAt = SigV4Parser.parseDate(signature.amzDate());
        if (!signature.amzDate().startsWith(date)) {
            throw AwsErrorType.INVALID_SIGNATURE.exception(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + date + "' != '" + signature.amzDate().substring(0, 8) + "', from '"
                            + signature.amzDate() + "'.");
        }
        // the SDK for JavaScript v3 signs HTTP/2's :authority in place of host
        if (!signature.signedHeaders().contains("host")
                && !signature.signedHeaders().contains(":authority")) {
            throw AwsErrorType.INCOMPLETE_SIGNATURE.exception(
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        Credential credential =
                credentials.find(keyId).orElseThrow(() -> AwsErrorType.UNRECOGNIZED_CLIENT.exception(INVALID_TOKEN));
        // Shardline issues no temporary credentials, so no session token can be valid
        if (request.header("x-amz-security-token") != null
                || QueryParameters.first(query, "X-Amz-Security-Token") != null) {
            throw AwsErrorType.UNRECOGNIZED_CLIENT.exception(INVALID_TOKEN);
        }
        checkTime(signature, signedAt);

        String canonical =
                SigV4.canonicalRequest(request, signature.signedHeaders(), payloadHash(request), signature.presigned());
        String expected = SigV4.signature(
                credential.secretAccessKey(),
                date,
                region,
                service,
                SigV4.stringToSign(
                        signature.amzDate(), String.join("/", date, region, service, SigV4.TERMINATOR), canonical));
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                signature.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw AwsErrorType.INVALID_SIGNATURE.exception(SIGNATURE_MISMATCH);
        }
        return new Caller(keyId, credential.accountId(), region, service);
    }

    /**
     * The hash of the body the verifier saw. A body that the action streams itself (PutMedia) is not read before the
     * action runs: its signer declares it in X-Amz-Content-Sha256, {@code UNSIGNED-PAYLOAD} (none means that too) or
     * its hex SHA-256, which {@link PayloadDigest} then checks as the action reads the body.
     */
    private static String payloadHash(SignedRequest request) {
        if (request.payload() == null) {
            String declared = request.header("x-amz-content-sha256");
            if (declared == null || declared.equals(SigV4.UNSIGNED_PAYLOAD)) {
                return SigV4.UNSIGNED_PAYLOAD;
            }
            if (!PayloadDigest.isHash(declared)) {
                // e.g. STREAMING-AWS4-HMAC-SHA256-PAYLOAD: aws-chunked signing is a later increment
                throw AwsErrorType.INVALID_SIGNATURE.exception("Unsupported x-amz-content-sha256 '" + declared
                        + "': a streamed body is signed as UNSIGNED-PAYLOAD or with its hex SHA-256.");
            }
            return declared; // PayloadDigest checks the body against it as it is read
        }
        return SigV4.sha256Hex(request.payload());
    }

    private void checkTime(SigV4Parser.Signature signature, Instant signedAt) {
        Instant now = clock.instant();
        if (signature.presigned()) {
            long expires = signature.expiresSeconds();
            if (now.isAfter(signedAt.plusSeconds(expires))) {
                throw AwsErrorType.INVALID_SIGNATURE.exception("Signature expired: " + signature.amzDate()
                        + " is now earlier than " + SigV4Parser.BASIC.format(now.minusSeconds(expires)) + " ("
                        + SigV4Parser.BASIC.format(now) + " - " + span(expires) + ")");
            }
        } else if (signedAt.isBefore(now.minus(SKEW))) {
            throw AwsErrorType.INVALID_SIGNATURE.exception("Signature expired: " + signature.amzDate()
                    + " is now earlier than " + SigV4Parser.BASIC.format(now.minus(SKEW)) + " ("
                    + SigV4Parser.BASIC.format(now)
                    + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(SKEW))) {
            throw AwsErrorType.INVALID_SIGNATURE.exception("Signature not yet current: " + signature.amzDate()
                    + " is still later than " + SigV4Parser.BASIC.format(now.plus(SKEW)) + " ("
                    + SigV4Parser.BASIC.format(now)
                    + " + 5 min.)");
        }
    }

    private static String span(long seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min." : seconds + " sec.";
    }
}
