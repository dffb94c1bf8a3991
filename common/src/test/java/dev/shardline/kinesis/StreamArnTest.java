package dev.shardline.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.error.Validation;
import org.junit.jupiter.api.Test;

class StreamArnTest {

    @Test
    void isFormedAsAwsFormsItAndParsesBack() {
        StreamArn arn = new StreamArn("eu-west-1", "123456789012", "orders");
        assertThat(arn).hasToString("arn:aws:kinesis:eu-west-1:123456789012:stream/orders");
        assertThat(StreamArn.parse(arn.toString())).isEqualTo(arn);
    }

    @Test
    void refusesAnArnThatNamesNoStream() {
        String tooLong = "arn:aws:kinesis:us-east-1:123456789012:stream/" + "a".repeat(129);
        assertThatThrownBy(() -> StreamArn.parse(tooLong))
                .isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).errorType()).isEqualTo(AwsErrorType.INVALID_ARGUMENT))
                .hasMessage("Invalid StreamARN " + tooLong + ".");
        assertThat(StreamArn.tryParse("arn:aws:kinesis:us-east-1:123456789012:stream/a/consumer/c:1"))
                .isEmpty();
        assertThat(StreamArn.check(Validation.of(), "streamARN", "arn:aws:s3:::bucket")
                        .hasErrors())
                .isTrue();
    }
}
