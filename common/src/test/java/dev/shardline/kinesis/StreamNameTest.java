package dev.shardline.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.error.Validation;
import org.junit.jupiter.api.Test;

class StreamNameTest {

    @Test
    void acceptsAwsNames() {
        assertThat(new StreamName("orders_v2.eu-west-1").value()).isEqualTo("orders_v2.eu-west-1");
        assertThat(StreamName.isValid("a".repeat(128))).isTrue();
    }

    @Test
    void refusesWithAwsWording() {
        assertThatThrownBy(() -> new StreamName("bad name"))
                .isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).errorType()).isEqualTo(AwsErrorType.VALIDATION))
                .hasMessage("1 validation error detected: Value 'bad name' at 'streamName' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> new StreamName(null))
                .hasMessage("1 validation error detected: Value null at 'streamName' failed to satisfy constraint: "
                        + "Member must not be null");
        assertThat(StreamName.isValid("a".repeat(129))).isFalse();
    }

    @Test
    void checksAMemberAmongOthers() {
        Validation v = Validation.of();
        StreamName.check(v, "exclusiveStartStreamName", "");
        assertThat(v.hasErrors()).isTrue();
        assertThat(StreamName.check(Validation.of(), "streamName", null).hasErrors())
                .isFalse();
    }
}
