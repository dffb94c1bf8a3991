package dev.shardline.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.Validation;
import org.junit.jupiter.api.Test;

class ShardIdTest {

    @Test
    void formatsAndParsesAsAwsDoes() {
        assertThat(new ShardId(7)).hasToString("shardId-000000000007");
        assertThat(ShardId.parse("shardId-000000000012")).contains(new ShardId(12));
        assertThat(ShardId.parse("shard-1")).contains(new ShardId(1)); // AWS reads the number after the dash
        assertThat(ShardId.parse("ABKLFD8")).isEmpty();
    }

    @Test
    void checksTheMemberWithAwsWording() {
        Validation v = Validation.of();
        ShardId.check(v, "exclusiveStartShardId", "bad id");
        ShardId.checkRequired(v, "shardToMerge", null);
        assertThatThrownBy(v::throwIfInvalid)
                .hasMessage("2 validation errors detected: Value 'bad id' at 'exclusiveStartShardId' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value null at 'shardToMerge' failed to satisfy constraint: Member must not be null");
        assertThat(ShardId.check(Validation.of(), "shardId", "x".repeat(128)).hasErrors())
                .isFalse();
        assertThat(ShardId.check(Validation.of(), "shardId", "x".repeat(129)).hasErrors())
                .isTrue();
    }
}
