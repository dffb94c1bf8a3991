package dev.shardline.video.media;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.media.FragmentIndex.FragmentPage;
import dev.shardline.video.media.FragmentIndex.TimestampKind;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.StreamView;
import dev.shardline.video.stream.VideoStreamService;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The stored fragments read back: ListFragments over the index, GetMediaForFragmentList from the object store. */
@Service
public class ArchivedMedia {

    private static final Logger log = LoggerFactory.getLogger(ArchivedMedia.class);

    private final VideoStreamService streams;
    private final FragmentIndex index;
    private final FragmentStore store;
    private final FragmentSeal seal;

    ArchivedMedia(VideoStreamService streams, FragmentIndex index, FragmentStore store, FragmentSeal seal) {
        this.streams = streams;
        this.index = index;
        this.store = store;
        this.seal = seal;
    }

    /** Fragments by a timestamp range, or all of them when {@code kind} is null. */
    public FragmentPage list(
            StreamSelector ref, TimestampKind kind, Instant from, Instant to, String afterNumber, int limit) {
        StreamView stream = streams.describe(ref);
        if (from != null && to != null && from.isAfter(to)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("StartTimestamp must not be after EndTimestamp");
        }
        return index.page(
                stream.id(),
                kind == null ? TimestampKind.SERVER_TIMESTAMP : kind,
                from == null || kind == null ? Instant.EPOCH : from,
                to == null || kind == null ? Instant.parse("9999-12-31T23:59:59Z") : to,
                afterNumber,
                limit);
    }

    /** One stored fragment, opened: a self-contained MKV. */
    public byte[] open(FragmentView fragment) {
        return seal.open(fragment.objectKey(), store.get(fragment.objectKey()));
    }

    /** The fragments with these numbers, opened, one self-contained MKV after another in the order asked for. */
    public byte[] media(StreamSelector ref, List<String> numbers) {
        StreamView stream = streams.describe(ref);
        List<FragmentView> fragments = index.byNumbers(stream.id(), numbers);
        Set<String> found = new HashSet<>();
        fragments.forEach(f -> found.add(f.fragmentNumber()));
        for (String number : numbers) {
            if (!found.contains(number)) {
                throw AwsErrorType.RESOURCE_NOT_FOUND.exception("Fragment " + number + " is not found.");
            }
        }
        ByteArrayOutputStream media = new ByteArrayOutputStream();
        for (FragmentView fragment : fragments) {
            byte[] mkv;
            try {
                mkv = open(fragment);
            } catch (RuntimeException e) {
                // AWS ends the answer with the failed fragment's number and the exception, as tags
                MediaReadError error = MediaReadError.of(e);
                log.warn(
                        "GetMediaForFragmentList on {} stopped at fragment {}: {} ({})",
                        stream.name(),
                        fragment.fragmentNumber(),
                        error,
                        error.id(),
                        e);
                Map<String, String> tags = new LinkedHashMap<>();
                tags.put("AWS_KINESISVIDEO_FRAGMENT_NUMBER", fragment.fragmentNumber());
                tags.put("AWS_KINESISVIDEO_EXCEPTION_ERROR_CODE", Integer.toString(error.id()));
                tags.put("AWS_KINESISVIDEO_EXCEPTION_MESSAGE", error.description());
                media.writeBytes(MkvTags.after(new byte[0], tags));
                break;
            }
            // each fragment followed by the tags AWS adds in this call (other names than GetMedia's)
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("AWS_KINESISVIDEO_FRAGMENT_NUMBER", fragment.fragmentNumber());
            tags.put("AWS_KINESISVIDEO_SERVER_SIDE_TIMESTAMP", MkvTags.seconds(fragment.serverTimestamp()));
            tags.put("AWS_KINESISVIDEO_PRODUCER_SIDE_TIMESTAMP", MkvTags.seconds(fragment.producerTimestamp()));
            media.writeBytes(MkvTags.after(mkv, tags));
        }
        return media.toByteArray();
    }
}
