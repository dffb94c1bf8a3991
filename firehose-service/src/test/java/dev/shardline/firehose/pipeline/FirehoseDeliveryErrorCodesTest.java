package dev.shardline.firehose.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A failed delivery is named with AWS's data delivery error codes, destination first. */
class FirehoseDeliveryErrorCodesTest {

    private static final Instant AT = Instant.parse("2026-11-26T02:00:00Z");

    @Test
    void anS3ErrorIsNamedAfterItsS3ErrorCode() {
        S3Exception denied = (S3Exception) S3Exception.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDenied")
                        .errorMessage("Access Denied")
                        .build())
                .statusCode(403)
                .build();

        DeliveryError error = DeliveryError.of("S3", denied, AT);

        assertThat(error.errorCode()).isEqualTo("S3.AccessDenied");
        assertThat(error.details()).isEqualTo("S3.AccessDenied: Access Denied (failing since " + AT + ", 1 attempt)");
    }

    @Test
    void aWriterNamesItsOwnErrorCode() {
        DeliveryError error = DeliveryError.of(
                "HttpEndpoint",
                new DestinationException("HttpEndpoint.DestinationException", "413 Payload too large"),
                AT);

        assertThat(error.errorCode()).isEqualTo("HttpEndpoint.DestinationException");
        assertThat(error.message()).isEqualTo("413 Payload too large");
    }

    @Test
    void anyOtherFailureIsAnInternalErrorOfTheDestination() {
        DeliveryError error = DeliveryError.of("S3", new IllegalStateException(), AT);

        assertThat(error.errorCode()).isEqualTo("S3.InternalError");
        assertThat(error.message()).isEqualTo("IllegalStateException");
    }
}
