package dev.shardline.video.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One row of the fragment index: a fragment that is durable in the object store. */
@Entity
@Table(schema = "video", name = "fragment")
@IdClass(Fragment.Key.class)
class Fragment {

    record Key(UUID streamId, String fragmentNumber) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "stream_id")
    private UUID streamId;

    @Id
    @Column(name = "fragment_number")
    private String fragmentNumber;

    @Column(name = "producer_timestamp", nullable = false)
    private Instant producerTimestamp;

    @Column(name = "server_timestamp", nullable = false)
    private Instant serverTimestamp;

    @Column(name = "duration_ms", nullable = false)
    private long durationMillis;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "object_key", nullable = false)
    private String objectKey;

    protected Fragment() {}

    Fragment(FragmentView view) {
        this.streamId = view.streamId();
        this.fragmentNumber = view.fragmentNumber();
        this.producerTimestamp = view.producerTimestamp();
        this.serverTimestamp = view.serverTimestamp();
        this.durationMillis = view.durationMillis();
        this.sizeBytes = view.sizeBytes();
        this.objectKey = view.objectKey();
    }

    FragmentView view() {
        return new FragmentView(
                streamId, fragmentNumber, producerTimestamp, serverTimestamp, durationMillis, sizeBytes, objectKey);
    }
}
