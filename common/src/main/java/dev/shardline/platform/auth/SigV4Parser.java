package dev.shardline.platform.auth;

import dev.shardline.platform.error.AwsErrorType;
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
 * Reads a SigV4 signature from an Authorization header or a presigned query, refusing a malformed one with AWS's
 * IncompleteSignatureException texts.
 */
final class SigV4Parser {

    /** The longest X-Amz-Expires AWS allows: a week. */
    static final long MAX_EXPIRES_SECONDS = 604_800;

    static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final List<String> QUERY_PARAMETERS =
            List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders");

    /** A signature as the request carries it, before it is checked. */
    record Signature(
            String credential,
            List<String> signedHeaders,
            String signature,
            String amzDate,
            Long expiresSeconds,
            boolean presigned) {}

    private SigV4Parser() {}

    static Signature fromHeader(String authorization, SignedRequest request) {
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

    static Signature fromQuery(List<Map.Entry<String, String>> query) {
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
            seconds = expires == null ? SigV4Verifier.SKEW.toSeconds() : Long.parseLong(expires);
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

    static Instant parseDate(String amzDate) {
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
