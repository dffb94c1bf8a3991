package dev.shardline.platform.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Catalogue errors as RFC 9457 problem details, the one rendering every service's REST API uses: the HTTP status a
 * person expects, the AWS error type kept as title and {@code awsErrorType}.
 */
public final class RestProblems {

    private RestProblems() {}

    public static ProblemDetail of(AwsException e) {
        HttpStatus status = switch (e.errorType()) {
            case RESOURCE_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case RESOURCE_IN_USE -> HttpStatus.CONFLICT;
            case LIMIT_EXCEEDED, PROVISIONED_THROUGHPUT_EXCEEDED -> HttpStatus.TOO_MANY_REQUESTS;
            case EXPIRED_ITERATOR, EXPIRED_NEXT_TOKEN -> HttpStatus.GONE;
            case INTERNAL_FAILURE -> HttpStatus.INTERNAL_SERVER_ERROR;
            case SERVICE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_REQUEST;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e.errorType().type());
        problem.setProperty("awsErrorType", e.errorType().type());
        return problem;
    }
}
