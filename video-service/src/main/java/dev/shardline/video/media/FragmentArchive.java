package dev.shardline.video.media;

import dev.shardline.video.media.MkvFragmenter.MkvFragment;
import dev.shardline.video.stream.StreamView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a received fragment goes, in this order: sealed under its stream's key, into the object store, then into the
 * index together with its event for Kafka (the outbox that {@link FragmentEvents} relays). When {@link #archive} returns the fragment is durable and findable; if any step fails it is not indexed.
 */
@Component
class FragmentArchive {

    private static final Logger log = LoggerFactory.getLogger(FragmentArchive.class);

    private final FragmentSeal seal;
    private final FragmentStore store;
    private final FragmentIndex index;

    FragmentArchive(FragmentSeal seal, FragmentStore store, FragmentIndex index) {
        this.seal = seal;
        this.store = store;
        this.index = index;
    }

    /** What consumers of the fragment topic get: where the fragment is and when it was made and received. */
    private String event(StreamView stream, FragmentView fragment) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("StreamName", stream.name());
        event.put("StreamARN", stream.arn().toString());
        event.put("FragmentNumber", fragment.fragmentNumber());
        event.put("ProducerTimestamp", fragment.producerTimestamp().toString());
        event.put("ServerTimestamp", fragment.serverTimestamp().toString());
        event.put("FragmentLengthInMilliseconds", fragment.durationMillis());
        event.put("FragmentSizeInBytes", fragment.sizeBytes());
        event.put("Bucket", store.bucket());
        event.put("ObjectKey", fragment.objectKey());
        event.put("KmsKeyId", stream.kmsKeyId());
        return JsonMapper.shared().writeValueAsString(event);
    }

    String nextNumber(Instant serverTime) {
        return index.nextNumber(serverTime);
    }

    void archive(StreamView stream, String number, Instant producerTime, Instant serverTime, MkvFragment fragment) {
        String key = stream.id() + "/" + number + ".mkv";
        byte[] sealed = seal.seal(stream, key, fragment.mkv()); // a KMS refusal is an ERROR of its own
        try {
            store.put(key, sealed);
        } catch (RuntimeException e) {
            log.warn("Fragment {} of {} could not be stored", number, stream.name(), e);
            throw new FragmentRejected(AckError.ARCHIVAL_ERROR, "the fragment could not be stored");
        }
        FragmentView view = new FragmentView(
                stream.id(), number, producerTime, serverTime, fragment.durationMillis(), sealed.length, key);
        try {
            index.record(view, event(stream, view));
        } catch (RuntimeException e) {
            forget(key);
            if (e instanceof DataIntegrityViolationException) {
                // the stream's row is gone: it was deleted while the producer was sending
                throw new FragmentRejected(AckError.STREAM_NOT_ACTIVE, "the stream was deleted");
            }
            log.warn("Fragment {} of {} could not be indexed", number, stream.name(), e);
            throw new FragmentRejected(AckError.ARCHIVAL_ERROR, "the fragment could not be indexed");
        }
    }

    /** An object that will never be indexed goes again, so that no API and no sweep would have to find it. */
    private void forget(String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            log.warn("Unindexed fragment object {} could not be deleted", key, e);
        }
    }
}
