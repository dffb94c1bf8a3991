package dev.shardline.streams.consumer.web;

import dev.shardline.kinesis.ShardId;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsStreamingResponse;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.consumer.ShardSubscription;
import dev.shardline.streams.consumer.ShardSubscriptions;
import dev.shardline.streams.consumer.web.ConsumerShapes.StartingPosition;
import dev.shardline.streams.consumer.web.ConsumerShapes.SubscribeToShardRequest;
import dev.shardline.streams.record.IteratorType;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.web.KinesisActions;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** SubscribeToShard on the AWS wire: an event stream of a shard's records for a registered consumer. */
@Component
class SubscribeToShardAction implements KinesisActions {

    private static final List<String> STARTING_POSITIONS =
            Arrays.stream(IteratorType.values()).map(Enum::name).toList();

    private final ShardSubscriptions subscriptions;

    SubscribeToShardAction(ShardSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(AwsAction.of("SubscribeToShard", SubscribeToShardRequest.class, this::subscribeToShard));
    }

    private AwsStreamingResponse subscribeToShard(SubscribeToShardRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        if (v.required("consumerARN", request.consumerARN())) {
            StreamConsumerActions.consumerArn(v, request.consumerARN());
        }
        ShardId.checkRequired(v, "shardId", request.shardId());
        StartingPosition position = request.startingPosition();
        if (v.required("startingPosition", position)) {
            if (v.required("startingPosition.type", position.type())) {
                v.oneOf("startingPosition.type", position.type(), STARTING_POSITIONS);
            }
            v.pattern("startingPosition.sequenceNumber", position.sequenceNumber(), StreamConstraints.SEQUENCE_NUMBER);
        }
        v.throwIfInvalid();
        ShardSubscription subscription = subscriptions.subscribe(
                StreamConsumerActions.parse(request.consumerARN()),
                request.shardId(),
                IteratorType.valueOf(position.type()),
                position.sequenceNumber(),
                position.timestamp());
        return new ShardEventStream(subscriptions, subscription);
    }
}
