package dev.shardline.streams.web;

import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.error.RestProblems;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Catalogue errors as RFC 9457 problem details on the REST API, with the AWS error type kept as {@code type}. It advises
 * the streams REST controllers, each in its feature's {@code web} package; the AWS endpoint renders its own errors.
 */
@RestControllerAdvice(basePackages = "dev.shardline.streams")
class RestErrors {

    @ExceptionHandler(AwsException.class)
    ProblemDetail awsError(AwsException e) {
        return RestProblems.of(e);
    }
}
