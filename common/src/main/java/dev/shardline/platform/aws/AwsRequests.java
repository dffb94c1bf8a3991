package dev.shardline.platform.aws;

import dev.shardline.platform.error.AwsErrorType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/** What both AWS wire adapters read from a request the same way: the caller's signature, account and region. */
final class AwsRequests {

    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/[^/]*/([^/]+)/");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /**
     * AWS's region names (us-east-1, eu-central-2, us-gov-west-1, ...) and names of the same kind that local setups
     * use (local, test): lower-case letters, digits and dashes, at most 32 characters. Anything else would end up in
     * ARNs and table keys.
     */
    private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private static final int MAX_ECHO = 64;

    private AwsRequests() {}

    /** A SigV4 signature in the Authorization header or in a presigned URL's query. */
    static boolean isSigned(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getParameter("X-Amz-Algorithm") != null;
    }

    /**
     * In {@code accept-any} mode: the account (a 12-digit access key id names one) and region of the request's
     * credential scope, unverified.
     *
     * @throws dev.shardline.platform.error.AwsException InvalidSignatureException for a region AWS would not sign for
     */
    static AwsRequestContext context(HttpServletRequest request, String requestId, AwsProperties properties) {
        String account = properties.accountId();
        String region = properties.region();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String credential = authorization != null ? authorization : request.getParameter("X-Amz-Credential");
        if (credential != null) {
            Matcher m = CREDENTIAL.matcher(authorization != null ? credential : "Credential=" + credential);
            if (m.find()) {
                if (ACCOUNT_ID.matcher(m.group(1)).matches()) {
                    account = m.group(1);
                }
                region = checkedRegion(m.group(2));
            }
        }
        return new AwsRequestContext(requestId, account, region);
    }

    /** @throws dev.shardline.platform.error.AwsException InvalidSignatureException for a region AWS would not sign for */
    static String checkedRegion(String region) {
        if (!REGION.matcher(region).matches()) {
            throw AwsErrorType.INVALID_SIGNATURE.exception("Credential should be scoped to a valid region, not '"
                    + (region.length() <= MAX_ECHO ? region : region.substring(0, MAX_ECHO) + "...")
                    + "'. ");
        }
        return region;
    }

    /** Reads the body, or returns null when it is longer than {@code maxBytes}. */
    static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        return body.length > maxBytes ? null : body;
    }
}
