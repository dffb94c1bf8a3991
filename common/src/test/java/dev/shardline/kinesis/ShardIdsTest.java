package dev.shardline.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardIdsTest {

    @Test
    void formatsAsAwsDoes() {
        assertThat(ShardIds.format(7)).isEqualTo("shardId-000000000007");
    }

    @Test
    void parsesFullShortAndBareForms() {
        assertThat(ShardIds.parse("shardId-000000000012")).hasValue(12);
        assertThat(ShardIds.parse("shardId-3")).hasValue(3);
        assertThat(ShardIds.parse("5")).hasValue(5);
    }

    @Test
    void refusesWhatIsNotAShardId() {
        assertThat(ShardIds.parse("shard-1")).isEmpty();
        assertThat(ShardIds.parse("shardId-99999999999999999999")).isEmpty();
        assertThat(ShardIds.parse("")).isEmpty();
    }
}
