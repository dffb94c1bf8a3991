package dev.shardline.streams.shard.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamResharding;
import dev.shardline.streams.web.KinesisActions;
import java.util.List;
import org.springframework.stereotype.Component;

/** MergeShards on the AWS wire: two adjacent open shards become one, on {@link StreamResharding}. */
@Component
class MergeShardsAction implements KinesisActions {

    private final StreamResharding resharding;

    MergeShardsAction(StreamResharding resharding) {
        this.resharding = resharding;
    }

    record MergeShardsRequest(String streamName, String streamARN, String shardToMerge, String adjacentShardToMerge) {}

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(AwsAction.of("MergeShards", MergeShardsRequest.class, this::mergeShards));
    }

    private Object mergeShards(MergeShardsRequest request, AwsRequestContext ctx) {
        StreamRef ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
        resharding.merge(ref, request.shardToMerge(), request.adjacentShardToMerge());
        return null;
    }
}
