package dev.shardline.streams.shard.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamResharding;
import dev.shardline.streams.web.KinesisActions;
import java.math.BigInteger;
import java.util.List;
import org.springframework.stereotype.Component;

/** SplitShard on the AWS wire: one open shard becomes two, on {@link StreamResharding}. */
@Component
class SplitShardAction implements KinesisActions {

    private final StreamResharding resharding;

    SplitShardAction(StreamResharding resharding) {
        this.resharding = resharding;
    }

    record SplitShardRequest(String streamName, String streamARN, String shardToSplit, String newStartingHashKey) {}

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(AwsAction.of("SplitShard", SplitShardRequest.class, this::splitShard));
    }

    private Object splitShard(SplitShardRequest request, AwsRequestContext ctx) {
        StreamRef ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
        resharding.split(ref, request.shardToSplit(), new BigInteger(request.newStartingHashKey()));
        return null;
    }
}
