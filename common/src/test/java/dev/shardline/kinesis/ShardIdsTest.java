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

    /** As AWS reads a shard id (kinesalite recorded it): the number after the first dash, whatever comes before. */
    @Test
    void readsTheNumberAfterTheFirstDashAsAwsDoes() {
        assertThat(ShardIds.parse("shard-1")).hasValue(1);
        assertThat(ShardIds.parse("anything_at_all-00002147483647")).hasValue(Integer.MAX_VALUE);
        assertThat(ShardIds.parse("-7")).hasValue(7);
        assertThat(ShardIds.parse("shardId-5-6")).hasValue(5);
    }

    @Test
    void refusesWhatNamesNoShard() {
        assertThat(ShardIds.parse("shardId-99999999999999999999")).isEmpty();
        assertThat(ShardIds.parse("2147483648")).isEmpty();
        assertThat(ShardIds.parse("ABKLFD8")).isEmpty();
        assertThat(ShardIds.parse("2.14E4")).isEmpty();
        assertThat(ShardIds.parse("shardId-x")).isEmpty();
        assertThat(ShardIds.parse("")).isEmpty();
    }
}
