package dev.shardline.streams.consumer;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.stream.StreamRef;
import java.time.Instant;

/** AWS's wording for the consumer errors. */
final class ConsumerErrors {

    private ConsumerErrors() {}

    static AwsException notFound(StreamRef stream, String name) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception("Consumer " + name + " under stream " + stream.name()
                + " under account " + stream.accountId() + " not found.");
    }

    static AwsException notFound(ConsumerArn arn) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception("Consumer " + arn + " not found.");
    }

    static AwsException alreadyExists(StreamRef stream, String name) {
        return AwsErrorType.RESOURCE_IN_USE.exception("Consumer " + name + " under stream " + stream.name()
                + " under account " + stream.accountId() + " already exists.");
    }

    static AwsException limitExceeded(StreamRef stream, int limit) {
        return AwsErrorType.LIMIT_EXCEEDED.exception(
                "This request would exceed the consumer limit for stream " + stream.arn() + ". Limit: " + limit + ".");
    }

    static AwsException notActive(StreamRef stream, String name, Instant createdAt) {
        return AwsErrorType.RESOURCE_IN_USE.exception("Consumer " + name + " with creation timestamp "
                + createdAt.getEpochSecond() + " under stream " + stream.name() + " and account "
                + stream.accountId() + " is not in ACTIVE status.");
    }

    /** SubscribeToShard words it differently from the other actions. */
    static AwsException notActiveForSubscription(ConsumerView consumer) {
        return AwsErrorType.RESOURCE_IN_USE.exception("Consumer " + consumer.name() + " with creation timestamp "
                + consumer.createdAt().getEpochSecond() + " under stream: "
                + consumer.stream().name()
                + " , account " + consumer.stream().accountId() + " is not in ACTIVE status.");
    }

    static AwsException streamNotActive(StreamRef stream, Object status) {
        return AwsErrorType.RESOURCE_IN_USE.exception("Stream " + stream.name() + " under account " + stream.accountId()
                + " not ACTIVE, instead in state " + status);
    }

    static AwsException subscriptionInUse(ConsumerView consumer, String shardId) {
        return AwsErrorType.RESOURCE_IN_USE.exception("Another active subscription exists for this consumer: "
                + consumer.stream().accountId() + ":" + consumer.stream().name() + ":" + shardId + ":"
                + consumer.name());
    }
}
