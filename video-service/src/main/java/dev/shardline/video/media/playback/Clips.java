package dev.shardline.video.media.playback;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.media.ArchivedMedia;
import dev.shardline.video.media.FragmentIndex;
import dev.shardline.video.media.FragmentIndex.TimestampKind;
import dev.shardline.video.media.FragmentView;
import dev.shardline.video.media.playback.MkvMedia.Media;
import dev.shardline.video.media.playback.MkvMedia.Sample;
import dev.shardline.video.media.playback.MkvMedia.Track;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.StreamView;
import dev.shardline.video.stream.VideoStreamService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * GetClip: the fragments of a time range remuxed into one traditional MP4, at most the first 200 fragments or 100 MB of
 * media from the start, as AWS cuts it.
 */
@Service
public class Clips {

    static final int MAX_FRAGMENTS = 200;
    static final long MAX_BYTES = 100L * 1024 * 1024;

    private final VideoStreamService streams;
    private final FragmentIndex index;
    private final ArchivedMedia archived;

    Clips(VideoStreamService streams, FragmentIndex index, ArchivedMedia archived) {
        this.streams = streams;
        this.index = index;
        this.archived = archived;
    }

    public byte[] clip(StreamSelector ref, String selectorType, Instant from, Instant to) {
        StreamView stream = streams.describe(ref);
        if (!to.isAfter(from)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("EndTimestamp must be later than StartTimestamp");
        }
        if (Duration.between(from, to).compareTo(Duration.ofHours(24)) > 0) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("EndTimestamp must be within 24 hours of StartTimestamp");
        }
        if (stream.dataRetentionInHours() == 0) {
            throw AwsErrorType.NO_DATA_RETENTION.exception(
                    "A clip was requested for a stream that does not retain data (that is, has a DataRetentionInHours"
                            + " of 0).");
        }
        List<FragmentView> fragments = index.page(
                        stream.id(), TimestampKind.valueOf(selectorType), from, to, null, MAX_FRAGMENTS)
                .fragments();
        if (fragments.isEmpty()) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception(
                    "No fragments found in the stream for the requested range.");
        }
        long origin = fragments.get(0).producerTimestamp().toEpochMilli();
        Track track = null;
        List<Sample> samples = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long bytes = 0;
        for (FragmentView fragment : fragments) {
            Media media = MkvMedia.read(archived.open(fragment), fragment.durationMillis());
            long size = media.samples().stream().mapToLong(s -> s.data().length).sum();
            if (track != null && bytes + size > MAX_BYTES) {
                break; // AWS answers the first 100 MB
            }
            track = track == null ? media.track() : track;
            long base = fragment.producerTimestamp().toEpochMilli() - origin;
            for (Sample sample : media.samples()) {
                samples.add(sample);
                times.add(base + sample.decodeOffsetMillis());
            }
            bytes += size;
        }
        return Fmp4.progressive(
                track, samples, times.stream().mapToLong(Long::longValue).toArray());
    }
}
