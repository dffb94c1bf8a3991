package dev.shardline.streams.stream;

import dev.shardline.streams.StreamsProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The data plane's view of streams: PutRecord and GetRecords look the shard map up here instead of in PostgreSQL on
 * every call (and a cache hit opens no transaction). Entries live for {@code metadata-cache-ttl}; changes made by this instance evict them at once.
 */
@Component
public class StreamDirectory {

    private final StreamRepository streams;
    private final StreamsProperties properties;
    private final Clock clock;
    private final Map<StreamRef, Cached> byRef = new ConcurrentHashMap<>();
    private final Map<UUID, Cached> byId = new ConcurrentHashMap<>();

    StreamDirectory(StreamRepository streams, StreamsProperties properties, Clock clock) {
        this.streams = streams;
        this.properties = properties;
        this.clock = clock;
    }

    /** The stream if it can take and serve records now, else AWS's ResourceNotFoundException. */
    public StreamView readyForData(StreamRef ref) {
        return find(ref).filter(StreamView::acceptsData).orElseThrow(() -> StreamErrors.notFound(ref));
    }

    public Optional<StreamView> find(StreamRef ref) {
        Instant now = clock.instant();
        Cached cached = byRef.get(ref);
        if (cached != null && cached.expires().isAfter(now)) {
            return Optional.ofNullable(cached.view());
        }
        StreamView view = streams.findByRef(ref.accountId(), ref.region(), ref.name())
                .map(StreamView::of)
                .orElse(null);
        byRef.put(ref, new Cached(view, now.plus(properties.metadataCacheTtl())));
        return Optional.ofNullable(view);
    }

    /** Looks a stream up by its immutable id, as a shard iterator names it. */
    public Optional<StreamView> findById(UUID id) {
        Instant now = clock.instant();
        Cached cached = byId.get(id);
        if (cached != null && cached.expires().isAfter(now)) {
            return Optional.ofNullable(cached.view());
        }
        StreamView view = streams.findById(id).map(StreamView::of).orElse(null);
        byId.put(id, new Cached(view, now.plus(properties.metadataCacheTtl())));
        return Optional.ofNullable(view);
    }

    /** Forgets a stream, and every cached absence, after this instance changed it. */
    void evict(UUID id) {
        byId.remove(id);
        byRef.values()
                .removeIf(cached -> cached.view() == null || cached.view().id().equals(id));
    }

    private record Cached(StreamView view, Instant expires) {}
}
