package dev.shardline.platform.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature Version 4 as AWS documents it for services other than S3 ("Create a signed AWS API request", the
 * canonical request): the canonical request, the string to sign and the signature.
 *
 * <p>Written here rather than taken from the AWS SDK's {@code AwsV4HttpSigner}: a verifier must rebuild the canonical
 * request from exactly the headers the client listed in SignedHeaders, and the SDK's signer always leaves some out
 * (user-agent, expect, connection, x-amzn-trace-id), adds Host and X-Amz-Date itself, and so cannot reproduce a
 * request signed by a client that signs those (the SDK for Java v1 signs User-Agent). The tests check this class
 * against the SDK's signer, hand-built botocore- and SDK-for-JavaScript-style requests and AWS's documented example.
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String TERMINATOR = "aws4_request";

    private static final HexFormat HEX = HexFormat.of();

    private SigV4() {}

    /**
     * The canonical request: method, canonical URI, canonical query, canonical headers, signed headers, payload hash.
     *
     * @param presigned whether the signature travels in the query, whose X-Amz-Signature is then left out
     */
    public static String canonicalRequest(
            SignedRequest request, List<String> signedHeaders, String payloadHash, boolean presigned) {
        StringBuilder canonical = new StringBuilder(256)
                .append(request.method())
                .append('\n')
                .append(canonicalUri(request.rawPath()))
                .append('\n')
                .append(canonicalQuery(request.rawQuery(), presigned))
                .append('\n');
        for (String name : signedHeaders) {
            canonical
                    .append(name)
                    .append(':')
                    .append(canonicalValue(request.headers().get(name)))
                    .append('\n');
        }
        return canonical
                .append('\n')
                .append(String.join(";", signedHeaders))
                .append('\n')
                .append(payloadHash)
                .toString();
    }

    /**
     * The path with its dot and empty segments removed, then URI-encoded again: the path on the wire is already
     * encoded once, and every SDK encodes it a second time for services other than S3.
     */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rawPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        StringBuilder path = new StringBuilder("/");
        path.append(String.join("/", segments));
        if (!segments.isEmpty() && rawPath.endsWith("/")) {
            path.append('/');
        }
        return uriEncode(path.toString(), true);
    }

    /** Each name and value decoded, then URI-encoded the AWS way, sorted by name and then value. */
    static String canonicalQuery(String rawQuery, boolean presigned) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, String> parameter : QueryParameters.parse(rawQuery)) {
            if (presigned && parameter.getKey().equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {uriEncode(parameter.getKey(), false), uriEncode(parameter.getValue(), false)});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder query = new StringBuilder();
        for (String[] pair : pairs) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(pair[0]).append('=').append(pair[1]);
        }
        return query.toString();
    }

    /** All lines of one header, each trimmed with inner runs of blanks folded to one, joined by commas. */
    private static String canonicalValue(List<String> values) {
        if (values == null) {
            return "";
        }
        List<String> folded = new ArrayList<>(values.size());
        for (String value : values) {
            folded.add(value.strip().replaceAll("\\s+", " "));
        }
        return String.join(",", folded);
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** The hex signature of {@code stringToSign} under the key derived from the secret and the credential scope. */
    public static String signature(String secret, String date, String region, String service, String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, TERMINATOR);
        return HEX.formatHex(hmac(key, stringToSign));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986 unreserved characters stay, every other UTF-8 byte becomes %XX (upper-case hex). */
    static String uriEncode(String value, boolean keepSlash) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || (keepSlash && c == '/')) {
                out.write(c);
            } else {
                out.write('%');
                out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
