package dev.shardline.streams.consumer;

import dev.shardline.streams.stream.StreamRef;
import java.time.Instant;
import java.util.UUID;

/** An immutable copy of a consumer, for the API layers. */
public record ConsumerView(
        UUID id, UUID streamId, StreamRef stream, String name, ConsumerStatus status, Instant createdAt) {

    static ConsumerView of(StreamConsumer consumer, StreamRef stream) {
        return new ConsumerView(
                consumer.id(), consumer.streamId(), stream, consumer.name(), consumer.status(), consumer.createdAt());
    }

    public ConsumerArn arn() {
        return new ConsumerArn(stream, name, createdAt.getEpochSecond());
    }
}
