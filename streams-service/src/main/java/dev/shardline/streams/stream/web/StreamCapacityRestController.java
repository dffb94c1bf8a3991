package dev.shardline.streams.stream.web;

import dev.shardline.kinesis.ShardId;
import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamResharding;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.web.StreamRestShapes.MergeShards;
import dev.shardline.streams.stream.web.StreamRestShapes.Mode;
import dev.shardline.streams.stream.web.StreamRestShapes.ShardCount;
import dev.shardline.streams.stream.web.StreamRestShapes.SplitShard;
import dev.shardline.streams.stream.web.StreamRestShapes.Stream;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stream's capacity over REST: SplitShard, MergeShards, UpdateShardCount and UpdateStreamMode on the same
 * {@link StreamResharding} as the AWS endpoint. Each answers with the stream, UPDATING until the change is done.
 */
@RestController
@RequestMapping("/v1/streams/{name}")
@Tag(name = "Streams", description = "Kinesis data streams, their shards and records")
class StreamCapacityRestController {

    /** AWS's HashKey pattern: a decimal number of at most 39 digits. */
    private static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");

    private static final int MAX_SHARDS = 100_000;

    private final StreamResharding resharding;
    private final StreamService streams;
    private final RestCaller caller;

    StreamCapacityRestController(StreamResharding resharding, StreamService streams, RestCaller caller) {
        this.resharding = resharding;
        this.streams = streams;
        this.caller = caller;
    }

    @PostMapping("/shards/{shardId}/split")
    @Operation(
            summary = "Split a shard in two",
            description = "As SplitShard: the open shard closes and two children share its hash key range, the upper"
                    + " one starting at newStartingHashKey.")
    Stream split(@PathVariable String name, @PathVariable String shardId, @RequestBody SplitShard request) {
        Validation v = Validation.of();
        ShardId.check(v, "shardToSplit", shardId);
        if (v.required("newStartingHashKey", request.newStartingHashKey())) {
            v.pattern("newStartingHashKey", request.newStartingHashKey(), HASH_KEY);
        }
        v.throwIfInvalid();
        StreamRef ref = validRef(name);
        resharding.split(ref, shardId, new BigInteger(request.newStartingHashKey()));
        return Stream.of(streams.describe(ref));
    }

    @PostMapping("/shards/merge")
    @Operation(
            summary = "Merge two adjacent shards",
            description = "As MergeShards: shardId is the shard below, adjacentShardId the one right above it; both"
                    + " close and one child covers their ranges.")
    Stream merge(@PathVariable String name, @RequestBody MergeShards request) {
        Validation v = Validation.of();
        ShardId.checkRequired(v, "shardToMerge", request.shardId());
        ShardId.checkRequired(v, "adjacentShardToMerge", request.adjacentShardId());
        v.throwIfInvalid();
        StreamRef ref = validRef(name);
        resharding.merge(ref, request.shardId(), request.adjacentShardId());
        return Stream.of(streams.describe(ref));
    }

    @PutMapping("/shard-count")
    @Operation(
            summary = "Scale to a number of open shards",
            description = "As UpdateShardCount with UNIFORM_SCALING: at most double and at least half the current"
                    + " open shards, PROVISIONED streams only.")
    Stream updateShardCount(@PathVariable String name, @RequestBody ShardCount request) {
        Validation v = Validation.of();
        if (v.required("targetShardCount", request.targetShardCount())) {
            v.range("targetShardCount", request.targetShardCount(), 1, MAX_SHARDS);
        }
        v.throwIfInvalid();
        StreamRef ref = validRef(name);
        resharding.updateShardCount(ref, request.targetShardCount());
        return Stream.of(streams.describe(ref));
    }

    @PutMapping("/mode")
    @Operation(
            summary = "Change the capacity mode",
            description = "As UpdateStreamMode: PROVISIONED or ON_DEMAND; the stream keeps its shards.")
    Stream updateMode(@PathVariable String name, @RequestBody Mode request) {
        Validation v = Validation.of();
        if (v.required("mode", request.mode())) {
            v.oneOf("mode", request.mode(), List.of("PROVISIONED", "ON_DEMAND"));
        }
        v.throwIfInvalid();
        StreamRef ref = validRef(name);
        resharding.changeMode(ref, StreamMode.valueOf(request.mode()));
        return Stream.of(streams.describe(ref));
    }

    private StreamRef validRef(String name) {
        return new StreamRef(caller.accountId(), caller.region(), new StreamName(name).value());
    }
}
