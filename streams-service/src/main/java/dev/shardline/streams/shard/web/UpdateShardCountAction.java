package dev.shardline.streams.shard.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamResharding;
import dev.shardline.streams.web.KinesisActions;
import java.util.List;
import org.springframework.stereotype.Component;

/** UpdateShardCount on the AWS wire: uniform scaling to a target number of open shards, on {@link StreamResharding}. */
@Component
class UpdateShardCountAction implements KinesisActions {

    private static final int MAX_SHARDS = 100_000;

    private final StreamResharding resharding;

    UpdateShardCountAction(StreamResharding resharding) {
        this.resharding = resharding;
    }

    record UpdateShardCountRequest(String streamName, String streamARN, Integer targetShardCount, String scalingType) {}

    record UpdateShardCountResponse(
            String streamName, Integer currentShardCount, Integer targetShardCount, String streamARN) {}

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(AwsAction.of("UpdateShardCount", UpdateShardCountRequest.class, this::updateShardCount));
    }

    private UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request, AwsRequestContext ctx) {
        // Shardline's shard limit; the model sets no maximum
        Validation.of()
                .range("targetShardCount", request.targetShardCount(), 1, MAX_SHARDS)
                .throwIfInvalid();
        StreamRef ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
        int current = resharding.updateShardCount(ref, request.targetShardCount());
        return new UpdateShardCountResponse(ref.name(), current, request.targetShardCount(), ref.arn());
    }
}
