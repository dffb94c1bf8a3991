package dev.shardline.firehose.web;

import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.error.RestProblems;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Catalogue errors as RFC 9457 problem details on the REST API, with the AWS error type kept as {@code type}. */
// Only the REST controllers live in Firehose's packages; the AWS endpoint renders its errors itself.
@RestControllerAdvice(basePackages = "dev.shardline.firehose")
class FirehoseRestErrors {

    @ExceptionHandler(AwsException.class)
    ProblemDetail awsError(AwsException e) {
        return RestProblems.of(e);
    }
}
