package dev.shardline.video.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An outbox row: the event of one indexed fragment, until Kafka has it. */
@Entity
@Table(schema = "video", name = "fragment_event")
class FragmentEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "stream_id", nullable = false)
    private UUID streamId;

    @Column(nullable = false)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected FragmentEvent() {}

    FragmentEvent(UUID streamId, String payload, Instant createdAt) {
        this.streamId = streamId;
        this.payload = payload;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    UUID streamId() {
        return streamId;
    }

    String payload() {
        return payload;
    }
}
