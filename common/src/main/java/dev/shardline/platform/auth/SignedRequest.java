package dev.shardline.platform.auth;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as its signer saw it: what SigV4 covers, independent of the servlet API.
 *
 * @param method the HTTP method
 * @param rawPath the path as it came on the wire, still percent-encoded
 * @param rawQuery the query as it came on the wire (without {@code ?}), or null
 * @param headers every header line by lower-case name, in arrival order
 * @param payload the body, or null where the action reads the body itself as it arrives (PutMedia)
 */
public record SignedRequest(
        String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] payload) {

    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
