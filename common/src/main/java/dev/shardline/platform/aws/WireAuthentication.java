package dev.shardline.platform.aws;

import dev.shardline.platform.auth.PayloadDigest;
import dev.shardline.platform.auth.SecurityMode;
import dev.shardline.platform.auth.SecurityProperties;
import dev.shardline.platform.auth.SigV4Verifier;
import dev.shardline.platform.auth.SignedRequest;
import dev.shardline.platform.error.AwsErrorType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who is calling, for both AWS wire adapters: in {@code enforce} mode the request's SigV4 signature is verified and
 * the account is the one configured for its access key; in {@code accept-any} mode any signature passes and a
 * 12-digit access key id names the account. Public for the faces that a service renders itself (CloudWatch's
 * query, JSON 1.0 and RPC v2 CBOR protocols).
 */
public final class WireAuthentication {

    private final SecurityMode mode;
    private final SigV4Verifier verifier;
    private final AwsProperties aws;

    WireAuthentication(SecurityProperties security, SigV4Verifier verifier, AwsProperties aws) {
        this.mode = security.mode();
        this.verifier = verifier;
        this.aws = aws;
    }

    /**
     * @param body the request body, or null where the action reads it itself as it arrives
     * @throws dev.shardline.platform.error.AwsException when the caller is refused
     */
    public AwsRequestContext authenticate(HttpServletRequest request, byte[] body, String requestId) {
        return authenticate(request, body, requestId, null);
    }

    /**
     * @param signingName the service the credential scope must name ({@code kinesis}), or null where it is not known
     * @throws dev.shardline.platform.error.AwsException when the caller is refused
     */
    public AwsRequestContext authenticate(
            HttpServletRequest request, byte[] body, String requestId, String signingName) {
        if (mode == SecurityMode.ACCEPT_ANY) {
            if (!AwsRequests.isSigned(request)) {
                throw AwsErrorType.MISSING_AUTHENTICATION_TOKEN.exception("Missing Authentication Token");
            }
            return AwsRequests.context(request, requestId, aws);
        }
        SigV4Verifier.Caller caller = verifier.verify(signedRequest(request, body));
        if (signingName != null && !signingName.equals(caller.service())) {
            // AWS's wording, with its trailing blank
            throw AwsErrorType.INVALID_SIGNATURE.exception(
                    "Credential should be scoped to correct service: '" + signingName + "'. ");
        }
        return new AwsRequestContext(requestId, caller.accountId(), AwsRequests.checkedRegion(caller.region()));
    }

    /**
     * The request whose body an action streams itself: in {@code enforce} mode, with a body that fails with
     * InvalidSignatureException at its end when it is not the one whose SHA-256 the signer declared.
     */
    HttpServletRequest streamed(HttpServletRequest request) {
        String declared = request.getHeader("x-amz-content-sha256");
        if (mode == SecurityMode.ACCEPT_ANY || !PayloadDigest.isHash(declared)) {
            return request;
        }
        return new HttpServletRequestWrapper(request) {
            private ServletInputStream checked;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (checked == null) {
                    ServletInputStream in = super.getInputStream();
                    InputStream digest = PayloadDigest.checked(in, declared);
                    checked = new ServletInputStream() {
                        @Override
                        public int read() throws IOException {
                            return digest.read();
                        }

                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            return digest.read(b, off, len);
                        }

                        @Override
                        public boolean isFinished() {
                            return in.isFinished();
                        }

                        @Override
                        public boolean isReady() {
                            return in.isReady();
                        }

                        @Override
                        public void setReadListener(ReadListener listener) {
                            in.setReadListener(listener);
                        }
                    };
                }
                return checked;
            }
        };
    }

    /** The request as SigV4 covers it (headers by lower-case name; HTTP/2's :authority as host). */
    public static SignedRequest signedRequest(HttpServletRequest request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>())
                    .addAll(Collections.list(request.getHeaders(name)));
        }
        if (!headers.containsKey("host")) {
            // HTTP/2 carries the host as :authority; the signer signed it as host
            int port = request.getServerPort();
            String scheme = request.getScheme();
            boolean standard = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            headers.put("host", List.of(request.getServerName() + (standard ? "" : ":" + port)));
        }
        // the SDK for JavaScript v3 over HTTP/2 signs the pseudo-header :authority, which the servlet API shows as Host
        headers.putIfAbsent(":authority", headers.get("host"));
        return new SignedRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(), headers, body);
    }
}
