package dev.shardline.streams.aws;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamResharding;
import java.math.BigInteger;
import java.util.List;
import org.springframework.stereotype.Component;

/** SplitShard, MergeShards and UpdateShardCount on the AWS wire. */
@Component
class ReshardActions {

    record SplitShardRequest(String streamName, String streamARN, String shardToSplit, String newStartingHashKey) {}

    record MergeShardsRequest(String streamName, String streamARN, String shardToMerge, String adjacentShardToMerge) {}

    record UpdateShardCountRequest(String streamName, String streamARN, Integer targetShardCount, String scalingType) {}

    record UpdateShardCountResponse(
            String streamName, Integer currentShardCount, Integer targetShardCount, String streamARN) {}

    record UpdateStreamModeRequest(String streamARN, StreamShapes.StreamModeDetails streamModeDetails) {}

    private final StreamResharding resharding;

    ReshardActions(StreamResharding resharding) {
        this.resharding = resharding;
    }

    List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("SplitShard", SplitShardRequest.class, this::splitShard),
                AwsAction.of("MergeShards", MergeShardsRequest.class, this::mergeShards),
                AwsAction.of("UpdateShardCount", UpdateShardCountRequest.class, this::updateShardCount),
                AwsAction.of("UpdateStreamMode", UpdateStreamModeRequest.class, this::updateStreamMode));
    }

    private Object updateStreamMode(UpdateStreamModeRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.required("streamARN", request.streamARN());
        String mode = request.streamModeDetails() == null
                ? null
                : request.streamModeDetails().streamMode();
        if (v.required("streamModeDetails", request.streamModeDetails())
                && v.required("streamModeDetails.streamMode", mode)) {
            v.oneOf("streamModeDetails.streamMode", mode, List.of("PROVISIONED", "ON_DEMAND"));
        }
        StreamRef ref = StreamConstraints.stream(v, ctx, null, request.streamARN());
        resharding.changeMode(ref, StreamMode.valueOf(mode));
        return null;
    }

    private Object splitShard(SplitShardRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        shardId(v, "shardToSplit", request.shardToSplit());
        if (v.required("newStartingHashKey", request.newStartingHashKey())) {
            v.pattern("newStartingHashKey", request.newStartingHashKey(), StreamConstraints.HASH_KEY);
        }
        StreamRef ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
        resharding.split(ref, request.shardToSplit(), new BigInteger(request.newStartingHashKey()));
        return null;
    }

    private Object mergeShards(MergeShardsRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        shardId(v, "shardToMerge", request.shardToMerge());
        shardId(v, "adjacentShardToMerge", request.adjacentShardToMerge());
        StreamRef ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
        resharding.merge(ref, request.shardToMerge(), request.adjacentShardToMerge());
        return null;
    }

    private UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        if (v.required("targetShardCount", request.targetShardCount())) {
            v.range("targetShardCount", request.targetShardCount(), 1, 100_000);
        }
        if (v.required("scalingType", request.scalingType())) {
            v.oneOf("scalingType", request.scalingType(), List.of("UNIFORM_SCALING"));
        }
        StreamRef ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
        int current = resharding.updateShardCount(ref, request.targetShardCount());
        return new UpdateShardCountResponse(ref.name(), current, request.targetShardCount(), ref.arn());
    }

    private static void shardId(Validation v, String member, String value) {
        if (v.required(member, value)) {
            v.length(member, value, 1, 128).pattern(member, value, StreamConstraints.SHARD_ID);
        }
    }
}
