package dev.shardline.streams.consumer;

import dev.shardline.platform.lifecycle.StateMachine;
import dev.shardline.streams.stream.StreamRef;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** An enhanced fan-out consumer of a stream: the aggregate that refuses illegal state changes. */
@Entity
@Table(schema = "streams", name = "consumer")
class StreamConsumer {

    /** AWS's consumer states: CREATING, then ACTIVE, then DELETING until the row goes. */
    static final StateMachine<ConsumerStatus> LIFECYCLE = StateMachine.of(ConsumerStatus.class)
            .allow(ConsumerStatus.CREATING, ConsumerStatus.ACTIVE)
            .allow(ConsumerStatus.ACTIVE, ConsumerStatus.DELETING)
            .build();

    @Id
    private UUID id;

    @Column(name = "stream_id", nullable = false)
    private UUID streamId;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ConsumerStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "status_changed_at", nullable = false)
    private Instant statusChangedAt;

    @Version
    private long version;

    protected StreamConsumer() {}

    /** A new consumer in CREATING. */
    static StreamConsumer register(UUID streamId, String name, Instant now) {
        StreamConsumer consumer = new StreamConsumer();
        consumer.id = UUID.randomUUID();
        consumer.streamId = streamId;
        consumer.name = name;
        consumer.status = ConsumerStatus.CREATING;
        // Milliseconds, as the wire shows it, so a timestamp read back from PostgreSQL equals the one answered now.
        consumer.createdAt = now.truncatedTo(ChronoUnit.MILLIS);
        consumer.statusChangedAt = consumer.createdAt;
        return consumer;
    }

    /** CREATING becomes ACTIVE; any other move is refused. */
    void markActive(Instant now) {
        status = LIFECYCLE.move(
                status,
                ConsumerStatus.ACTIVE,
                (from, to) -> new IllegalStateException("Consumer " + name + " is " + from + ", not CREATING"));
        statusChangedAt = now;
    }

    /** Only an ACTIVE consumer may be deregistered, as in AWS. */
    void beginDelete(StreamRef stream, Instant now) {
        status = LIFECYCLE.move(
                status, ConsumerStatus.DELETING, (from, to) -> ConsumerErrors.notActive(stream, name, createdAt));
        statusChangedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID streamId() {
        return streamId;
    }

    String name() {
        return name;
    }

    ConsumerStatus status() {
        return status;
    }

    Instant createdAt() {
        return createdAt;
    }
}
