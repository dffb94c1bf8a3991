package dev.shardline.streams.consumer.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsStreamingResponse;
import dev.shardline.streams.consumer.ShardSubscription;
import dev.shardline.streams.consumer.ShardSubscriptions;
import dev.shardline.streams.consumer.web.ConsumerShapes.StartingPosition;
import dev.shardline.streams.consumer.web.ConsumerShapes.SubscribeToShardRequest;
import dev.shardline.streams.record.IteratorType;
import dev.shardline.streams.web.KinesisActions;
import java.util.List;
import org.springframework.stereotype.Component;

/** SubscribeToShard on the AWS wire: an event stream of a shard's records for a registered consumer. */
@Component
class SubscribeToShardAction implements KinesisActions {

    private final ShardSubscriptions subscriptions;

    SubscribeToShardAction(ShardSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(AwsAction.of("SubscribeToShard", SubscribeToShardRequest.class, this::subscribeToShard));
    }

    private AwsStreamingResponse subscribeToShard(SubscribeToShardRequest request, AwsRequestContext ctx) {
        StartingPosition position = request.startingPosition();
        ShardSubscription subscription = subscriptions.subscribe(
                StreamConsumerActions.parse(request.consumerARN()),
                request.shardId(),
                IteratorType.valueOf(position.type()),
                position.sequenceNumber(),
                position.timestamp());
        return new ShardEventStream(subscriptions, subscription);
    }
}
