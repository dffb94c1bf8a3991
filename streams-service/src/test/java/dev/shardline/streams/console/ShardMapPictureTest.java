package dev.shardline.streams.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.streams.console.ShardMapPicture.Box;
import dev.shardline.streams.console.ShardMapPicture.State;
import dev.shardline.streams.stream.EncryptionType;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamStatus;
import dev.shardline.streams.stream.StreamView;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShardMapPictureTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final BigInteger HALF = HashKeyRange.MAX_HASH_KEY.shiftRight(1);

    @Test
    void aSplitDrawsTheChildrenOneColumnRightOfTheClosedParentWithALineToEach() {
        ShardView parent = shard(0, null, null, 0, HashKeyRange.MAX_HASH_KEY, NOW.minusSeconds(60));
        ShardView low = shard(1, 0, null, 0, HALF, null);
        ShardView high = shard(2, 0, null, HALF.add(BigInteger.ONE), HashKeyRange.MAX_HASH_KEY, null);

        ShardMapPicture picture = ShardMapPicture.of(stream(24, parent, low, high), NOW);

        Map<String, Box> boxes = byId(picture);
        assertThat(picture.generations()).isEqualTo(2);
        assertThat(boxes.get("shardId-000000000000").state()).isEqualTo(State.CLOSED);
        assertThat(boxes.get("shardId-000000000001").x())
                .isGreaterThan(boxes.get("shardId-000000000000").x());
        assertThat(boxes.get("shardId-000000000001").y())
                .isLessThan(boxes.get("shardId-000000000002").y());
        assertThat(boxes.get("shardId-000000000001").h())
                .isCloseTo(boxes.get("shardId-000000000002").h(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(picture.links())
                .extracting(ShardMapPicture.Link::parent, ShardMapPicture.Link::child)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("shardId-000000000000", "shardId-000000000001"),
                        org.assertj.core.groups.Tuple.tuple("shardId-000000000000", "shardId-000000000002"));
    }

    @Test
    void aMergeStandsRightOfBothParentsAndAShardClosedBeforeTheRetentionIsExpired() {
        ShardView low = shard(0, null, null, 0, HALF, NOW.minus(Duration.ofHours(30)));
        ShardView high = shard(1, null, null, HALF.add(BigInteger.ONE), HashKeyRange.MAX_HASH_KEY, NOW.minusSeconds(5));
        ShardView merged = shard(2, 0, 1, 0, HashKeyRange.MAX_HASH_KEY, null);

        ShardMapPicture picture = ShardMapPicture.of(stream(24, low, high, merged), NOW);

        Map<String, Box> boxes = byId(picture);
        assertThat(boxes.get("shardId-000000000000").state()).isEqualTo(State.EXPIRED);
        assertThat(boxes.get("shardId-000000000001").state()).isEqualTo(State.CLOSED);
        assertThat(boxes.get("shardId-000000000002").state()).isEqualTo(State.OPEN);
        assertThat(picture.links()).hasSize(2);
        assertThat(picture.generations()).isEqualTo(2);
    }

    private static Map<String, Box> byId(ShardMapPicture picture) {
        return picture.boxes().stream().collect(Collectors.toMap(Box::shardId, Function.identity()));
    }

    private static ShardView shard(
            int index, Integer parent, Integer adjacent, Object start, BigInteger end, Instant closedAt) {
        BigInteger from = start instanceof BigInteger b ? b : BigInteger.valueOf(((Number) start).longValue());
        return new ShardView(
                index,
                parent,
                adjacent,
                new HashKeyRange(from, end),
                NOW.minus(Duration.ofHours(40)),
                closedAt,
                closedAt == null ? null : 10L);
    }

    private static StreamView stream(int retentionHours, ShardView... shards) {
        return new StreamView(
                UUID.randomUUID(),
                new StreamRef("000000000000", "us-east-1", "s"),
                StreamStatus.ACTIVE,
                StreamMode.PROVISIONED,
                retentionHours,
                "topic",
                NOW.minus(Duration.ofHours(40)),
                List.of(shards),
                1024,
                Set.of(),
                EncryptionType.NONE,
                null);
    }
}
