package dev.shardline.video.web;

import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.error.RestProblems;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Catalogue errors as RFC 9457 problem details on the REST API, with the AWS error type kept as {@code type}. */
@RestControllerAdvice(basePackages = "dev.shardline.video")
class VideoRestErrors {

    @ExceptionHandler(AwsException.class)
    ProblemDetail awsError(AwsException e) {
        return RestProblems.of(e);
    }
}
