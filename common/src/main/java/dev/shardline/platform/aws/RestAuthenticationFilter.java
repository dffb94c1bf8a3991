package dev.shardline.platform.aws;

import dev.shardline.platform.auth.CredentialStore;
import dev.shardline.platform.auth.SecurityMode;
import dev.shardline.platform.auth.SecurityProperties;
import dev.shardline.platform.auth.SecurityProperties.Credential;
import dev.shardline.platform.auth.SigV4Verifier;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * In {@code enforce} mode, the faces for people (the {@code /v1} REST API, the web console at {@code /console}, Swagger UI and its OpenAPI document, every
 * actuator endpoint but health) take the same credentials as the AWS wire: HTTP Basic with the access key id as user
 * and the secret access key as password, or a SigV4 signature as AWS tools make. The caller's account is kept on the
 * request for {@link RestCaller}. A refusal is a 401 with {@code WWW-Authenticate: Basic realm="shardline"} and the
 * REST API's problem details. In {@code accept-any} mode every request passes untouched.
 *
 * <p>Runs after {@link BodyPrefetchFilter}, on the dispatch where the body is in: a SigV4 signature covers the body.
 */
class RestAuthenticationFilter extends OncePerRequestFilter {

    static final String CHALLENGE = "Basic realm=\"shardline\"";
    private static final Logger log = LoggerFactory.getLogger(RestAuthenticationFilter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    /** Probes that orchestrators call without credentials; they tell only UP or DOWN. */
    private static final Set<String> OPEN =
            Set.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");

    private final SecurityMode mode;
    private final CredentialStore credentials;
    private final SigV4Verifier verifier;
    private final AwsProperties aws;

    RestAuthenticationFilter(
            SecurityProperties security, CredentialStore credentials, SigV4Verifier verifier, AwsProperties aws) {
        this.mode = security.mode();
        this.credentials = credentials;
        this.verifier = verifier;
        this.aws = aws;
    }

    /** Whether a path (as the servlet container normalised it) needs credentials in {@code enforce} mode. */
    static boolean isProtected(String path) {
        if (OPEN.contains(path)) {
            return false;
        }
        return under(path, "/v1")
                || under(path, "/console")
                || under(path, "/actuator")
                || under(path, "/v3/api-docs")
                || under(path, "/swagger-ui")
                || path.equals("/swagger-ui.html");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ".");
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // BodyPrefetchFilter hands a request with a body on in an async dispatch
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return mode == SecurityMode.ACCEPT_ANY || !isProtected(pathOf(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(RestCaller.ATTRIBUTE) != null) {
            chain.doFilter(request, response); // a handler's own async dispatch, authenticated before
            return;
        }
        HttpServletRequest authenticated = request;
        try {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            RestCaller.Authenticated caller;
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                caller = basic(authorization.substring(6).strip());
            } else if (AwsRequests.isSigned(request)) {
                byte[] body = request.getInputStream().readAllBytes();
                authenticated = BodyPrefetchFilter.withBody(request, body); // readable again by the handler
                SigV4Verifier.Caller signer = verifier.verify(WireAuthentication.signedRequest(request, body));
                caller = new RestCaller.Authenticated(
                        signer.accessKeyId(), signer.accountId(), AwsRequests.checkedRegion(signer.region()));
            } else {
                throw AwsErrorType.MISSING_AUTHENTICATION_TOKEN.exception("Missing Authentication Token");
            }
            request.setAttribute(RestCaller.ATTRIBUTE, caller);
        } catch (AwsException refused) {
            log.debug("{} {} refused: {}", request.getMethod(), request.getRequestURI(), refused.getMessage());
            unauthorized(request, response, refused);
            return;
        }
        chain.doFilter(authenticated, response);
    }

    private RestCaller.Authenticated basic(String token) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw AwsErrorType.INCOMPLETE_SIGNATURE.exception(
                    "HTTP Basic credentials must be base64 of access-key-id:secret-access-key");
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw AwsErrorType.INCOMPLETE_SIGNATURE.exception(
                    "HTTP Basic credentials must be base64 of access-key-id:secret-access-key");
        }
        Optional<Credential> credential = credentials.find(pair.substring(0, colon));
        byte[] given = pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        // an unknown key and a wrong secret answer alike, so that key ids cannot be probed
        if (credential.isEmpty()
                || !MessageDigest.isEqual(credential.get().secretAccessKey().getBytes(StandardCharsets.UTF_8), given)) {
            throw AwsErrorType.UNRECOGNIZED_CLIENT.exception(INVALID_TOKEN);
        }
        return new RestCaller.Authenticated(
                credential.get().accessKeyId(), credential.get().accountId(), aws.region());
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, AwsException refused)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", refused.errorType().type());
        problem.put("status", HttpServletResponse.SC_UNAUTHORIZED);
        problem.put("detail", refused.getMessage());
        problem.put("instance", request.getRequestURI());
        problem.put("awsErrorType", refused.errorType().type());
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    private static String pathOf(HttpServletRequest request) {
        // decoded, with dot segments and ;parameters removed, as the handler mappings match it
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }
}
