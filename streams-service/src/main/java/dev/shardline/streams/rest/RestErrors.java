package dev.shardline.streams.rest;

import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.error.RestProblems;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Catalogue errors as RFC 9457 problem details on the REST API, with the AWS error type kept as {@code type}. */
@RestControllerAdvice(
        assignableTypes = {
            StreamsRestController.class,
            RecordsRestController.class,
            TagsRestController.class,
            ConsumersRestController.class
        })
class RestErrors {

    @ExceptionHandler(AwsException.class)
    ProblemDetail awsError(AwsException e) {
        return RestProblems.of(e);
    }
}
