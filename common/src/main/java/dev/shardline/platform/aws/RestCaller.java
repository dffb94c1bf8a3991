package dev.shardline.platform.aws;

import dev.shardline.platform.auth.SecurityMode;
import dev.shardline.platform.auth.SecurityProperties;
import dev.shardline.platform.error.AwsErrorType;
import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The account and region a {@code /v1} REST call acts in: in {@code enforce} mode the account of the credentials the
 * call was authenticated with ({@link RestAuthenticationFilter}), in {@code accept-any} mode the configured default
 * ({@code shardline.aws.*}).
 */
public final class RestCaller {

    static final String ATTRIBUTE = RestCaller.class.getName() + ".authenticated";

    /** Who a request was authenticated as, kept on the request. */
    record Authenticated(String accessKeyId, String accountId, String region) {}

    private final SecurityMode mode;
    private final AwsProperties aws;

    public RestCaller(SecurityProperties security, AwsProperties aws) {
        this.mode = security.mode();
        this.aws = aws;
    }

    public String accountId() {
        return mode == SecurityMode.ACCEPT_ANY
                ? aws.accountId()
                : authenticated().accountId();
    }

    public String region() {
        return mode == SecurityMode.ACCEPT_ANY ? aws.region() : authenticated().region();
    }

    /** The access key the call was authenticated with: in {@code enforce} mode only. */
    public Optional<String> accessKeyId() {
        return mode == SecurityMode.ACCEPT_ANY
                ? Optional.empty()
                : Optional.of(authenticated().accessKeyId());
    }

    private static Authenticated authenticated() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object authenticated =
                attributes == null ? null : attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (authenticated instanceof Authenticated caller) {
            return caller;
        }
        // a REST path the filter does not cover: refused rather than run in some default account
        throw AwsErrorType.MISSING_AUTHENTICATION_TOKEN.exception("Missing Authentication Token");
    }
}
