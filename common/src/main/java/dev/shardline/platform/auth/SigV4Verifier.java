package dev.shardline.platform.auth;

import dev.shardline.platform.auth.SecurityProperties.Credential;
import dev.shardline.platform.error.AwsErrorType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    /** The longest X-Amz-Expires AWS allows: a week. */
    static final long MAX_EXPIRES_SECONDS = 604_800;

    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
            + " details.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final List<String> QUERY_PARAMETERS =
            List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders");

    /** Who signed a verified request. */
    public record Caller(String accessKeyId, String accountId, String region, String service) {}

    private record Signature(
            String credential,
            List<String> signedHeaders,
            String signature,
            String amzDate,
            Long expiresSeconds,
            boolean presigned) {}

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
        Signature signature;
        if (authorization != null) {
            signature = fromHeader(authorization, request);
        } else if (QueryParameters.first(query, "X-Amz-Algorithm") != null) {
            signature = fromQuery(query);
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
        Instant signedAt = parseDate(signature.amzDate());
        if (!signature.amzDate().startsWith(date)) {
            throw AwsErrorType.INVALID_SIGNATURE.exception(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + date + "' != '" + signature.amzDate().substring(0, 8) + "', from '"
                            + signature.amzDate() + "'.");
        }
        if (!signature.signedHeaders().contains("host")) {
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

    private void checkTime(Signature signature, Instant signedAt) {
        Instant now = clock.instant();
        if (signature.presigned()) {
            long expires = signature.expiresSeconds();
            if (now.isAfter(signedAt.plusSeconds(expires))) {
                throw AwsErrorType.INVALID_SIGNATURE.exception("Signature expired: " + signature.amzDate()
                        + " is now earlier than " + BASIC.format(now.minusSeconds(expires)) + " ("
                        + BASIC.format(now) + " - " + span(expires) + ")");
            }
        } else if (signedAt.isBefore(now.minus(SKEW))) {
            throw AwsErrorType.INVALID_SIGNATURE.exception("Signature expired: " + signature.amzDate()
                    + " is now earlier than " + BASIC.format(now.minus(SKEW)) + " (" + BASIC.format(now)
                    + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(SKEW))) {
            throw AwsErrorType.INVALID_SIGNATURE.exception("Signature not yet current: " + signature.amzDate()
                    + " is still later than " + BASIC.format(now.plus(SKEW)) + " (" + BASIC.format(now)
                    + " + 5 min.)");
        }
    }

    private static String span(long seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min." : seconds + " sec.";
    }

    private static Signature fromHeader(String authorization, SignedRequest request) {
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        String prefix = SigV4.ALGORITHM + " ";
        if (authorization.startsWith(prefix)) {
            for (String part : authorization.substring(prefix.length()).split(",")) {
                String pair = part.strip();
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw AwsErrorType.INCOMPLETE_SIGNATURE.exception("'" + pair
                            + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                            + authorization + "'.");
                }
                String value = pair.substring(eq + 1);
                switch (pair.substring(0, eq)) {
                    case "Credential" -> credential = value;
                    case "SignedHeaders" -> signedHeaders = value;
                    case "Signature" -> signature = value;
                    default -> {
                        // AWS ignores parameters it does not know
                    }
                }
            }
        }
        String amzDate = request.header("x-amz-date");
        if (amzDate == null && request.header("date") != null) {
            amzDate = fromHttpDate(request.header("date"));
        }
        StringBuilder missing = new StringBuilder();
        if (credential == null) {
            missing.append("Authorization header requires 'Credential' parameter. ");
        }
        if (signature == null) {
            missing.append("Authorization header requires 'Signature' parameter. ");
        }
        if (signedHeaders == null) {
            missing.append("Authorization header requires 'SignedHeaders' parameter. ");
        }
        if (amzDate == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw AwsErrorType.INCOMPLETE_SIGNATURE.exception(missing + "Authorization=" + authorization);
        }
        return new Signature(credential, signedHeaders(signedHeaders), signature, amzDate, null, false);
    }

    private static Signature fromQuery(List<Map.Entry<String, String>> query) {
        StringBuilder missing = new StringBuilder();
        for (String name : QUERY_PARAMETERS) {
            if (QueryParameters.first(query, name) == null) {
                missing.append("AWS query-string parameters must include '")
                        .append(name)
                        .append("'. ");
            }
        }
        if (!missing.isEmpty()) {
            throw AwsErrorType.INCOMPLETE_SIGNATURE.exception(missing + "Re-examine the query-string parameters.");
        }
        String algorithm = QueryParameters.first(query, "X-Amz-Algorithm");
        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw AwsErrorType.INCOMPLETE_SIGNATURE.exception(
                    "X-Amz-Algorithm only supports 'AWS4-HMAC-SHA256', not '" + algorithm + "'.");
        }
        String expires = QueryParameters.first(query, "X-Amz-Expires");
        long seconds;
        try {
            seconds = expires == null ? SKEW.toSeconds() : Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw AwsErrorType.INCOMPLETE_SIGNATURE.exception(
                    "X-Amz-Expires must be a number of seconds from 1 to 604800 (a week), not '" + expires + "'.");
        }
        return new Signature(
                QueryParameters.first(query, "X-Amz-Credential"),
                signedHeaders(QueryParameters.first(query, "X-Amz-SignedHeaders")),
                QueryParameters.first(query, "X-Amz-Signature"),
                QueryParameters.first(query, "X-Amz-Date"),
                seconds,
                true);
    }

    private static List<String> signedHeaders(String list) {
        List<String> names = new ArrayList<>();
        for (String name : list.split(";")) {
            if (!name.isBlank()) {
                names.add(name.strip().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static Instant parseDate(String amzDate) {
        try {
            return LocalDateTime.parse(amzDate, BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw AwsErrorType.INCOMPLETE_SIGNATURE.exception("Date must be in ISO-8601 'basic format'. Got '" + amzDate
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    /** A Date header (RFC 1123) in the basic format the string to sign uses; as it came where it does not parse. */
    private static String fromHttpDate(String date) {
        try {
            return BASIC.format(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return date;
        }
    }
}
