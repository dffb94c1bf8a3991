package dev.shardline.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashKeyRangeTest {

    @Test
    void dividesTheKeySpaceAsAwsDoes() {
        List<HashKeyRange> three = HashKeyRange.divide(3);

        assertThat(three.get(0).end()).isEqualTo(new BigInteger("113427455640312821154458202477256070484"));
        assertThat(three.get(1).start()).isEqualTo(new BigInteger("113427455640312821154458202477256070485"));
        assertThat(three.get(2).end()).isEqualTo(HashKeyRange.MAX_HASH_KEY);
    }

    @Test
    void divisionIsContiguousAndCoversEverything() {
        List<HashKeyRange> ranges = HashKeyRange.divide(7);

        assertThat(ranges.get(0).start()).isZero();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).start()).isEqualTo(ranges.get(i - 1).end().add(BigInteger.ONE));
        }
        assertThat(ranges.get(6).end()).isEqualTo(HashKeyRange.MAX_HASH_KEY);
    }

    @Test
    void hashesPartitionKeysWithMd5() {
        // MD5("a") = 0cc175b9c0f1b6a831c399e269772661
        assertThat(HashKeyRange.hashOf("a")).isEqualTo(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16));
    }

    @Test
    void refusesRangesOutsideTheKeySpace() {
        assertThatThrownBy(() -> new HashKeyRange(BigInteger.ONE, BigInteger.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashKeyRange(BigInteger.ZERO, HashKeyRange.MAX_HASH_KEY.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
