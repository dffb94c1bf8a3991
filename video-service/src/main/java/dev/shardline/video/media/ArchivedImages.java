package dev.shardline.video.media;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.VideoProperties;
import dev.shardline.video.media.FragmentIndex.FragmentPage;
import dev.shardline.video.media.FragmentIndex.TimestampKind;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.StreamView;
import dev.shardline.video.stream.VideoStreamService;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Service;

/**
 * GetImages: images sampled from the stored fragments every {@code SamplingInterval} between two timestamps, each the
 * frame shown at its time, decoded from the key frame before it. A page decodes each fragment it needs once and no
 * further than its last sampled frame; the calls that decode at once are bounded per instance.
 */
@Service
public class ArchivedImages {

    /** AWS's lowest SamplingInterval: 200 ms (5 images per second). */
    static final int MIN_SAMPLING_MILLIS = 200;

    /** Used where the request has no SamplingInterval (AWS documents no default). */
    static final int DEFAULT_SAMPLING_MILLIS = 3000;

    /** AWS refuses a range longer than 300 seconds. */
    static final Duration MAX_RANGE = Duration.ofSeconds(300);

    static final int DEFAULT_JPEG_QUALITY = 80;

    private static final int INDEX_PAGE = 1000;

    public enum ImageFormat {
        JPEG,
        PNG
    }

    /** One GetImages call, as the wire has it. */
    public record Request(
            StreamSelector stream,
            TimestampKind kind,
            Instant start,
            Instant end,
            Integer samplingIntervalMillis,
            ImageFormat format,
            Integer jpegQuality,
            Integer width,
            Integer height,
            int maxResults,
            String nextToken) {}

    /** An image at a sample time: its content, or AWS's error (NO_MEDIA, MEDIA_ERROR). */
    public record Image(Instant timestamp, String error, byte[] content) {}

    public record ImagePage(List<Image> images, String nextToken) {}

    private final VideoStreamService streams;
    private final FragmentIndex index;
    private final FragmentImages fragmentImages;
    private final Duration maxFragmentDuration;
    private final Semaphore decoding =
            new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    ArchivedImages(
            VideoStreamService streams,
            FragmentIndex index,
            FragmentImages fragmentImages,
            VideoProperties properties) {
        this.streams = streams;
        this.index = index;
        this.fragmentImages = fragmentImages;
        this.maxFragmentDuration = properties.maxFragmentDuration();
    }

    public ImagePage images(Request request) {
        int interval = samplingInterval(request);
        int quality = jpegQuality(request);
        if (request.start().isAfter(request.end())) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("StartTimestamp must be before or equal to EndTimestamp");
        }
        if (Duration.between(request.start(), request.end()).compareTo(MAX_RANGE) > 0) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "The time range between StartTimestamp and EndTimestamp must not be more than 300 seconds");
        }
        long first = firstSample(request, interval);
        StreamView stream = streams.describe(request.stream());
        if (stream.dataRetentionInHours() == 0) {
            throw AwsErrorType.NO_DATA_RETENTION.exception(
                    "The stream " + stream.name() + " does not retain data (its DataRetentionInHours is 0).");
        }
        List<Instant> samples = new ArrayList<>();
        long end = request.end().toEpochMilli();
        for (long t = first; t <= end && samples.size() <= request.maxResults(); t += interval) {
            samples.add(Instant.ofEpochMilli(t));
        }
        String next = null;
        if (samples.size() > request.maxResults()) {
            next = token(samples.remove(samples.size() - 1));
        }
        if (!decoding.tryAcquire()) {
            throw AwsErrorType.CLIENT_LIMIT_EXCEEDED.exception("Kinesis Video Streams has throttled the request"
                    + " because you have exceeded the limit of allowed client calls. Try making the call later.");
        }
        try {
            return new ImagePage(
                    render(
                            stream,
                            request,
                            samples,
                            new ImageEncoder(request.format(), quality, request.width(), request.height())),
                    next);
        } finally {
            decoding.release();
        }
    }

    private List<Image> render(StreamView stream, Request request, List<Instant> samples, ImageEncoder encoder) {
        List<FragmentView> fragments = fragments(stream, request.kind(), samples);
        Map<FragmentView, List<Instant>> byFragment = new LinkedHashMap<>();
        Map<Instant, Image> images = new LinkedHashMap<>();
        for (Instant sample : samples) {
            FragmentView covering = covering(fragments, request.kind(), sample);
            if (covering == null) {
                images.put(sample, new Image(sample, "NO_MEDIA", null));
            } else {
                byFragment.computeIfAbsent(covering, f -> new ArrayList<>()).add(sample);
            }
        }
        byFragment.forEach((fragment, times) -> {
            Instant start = timestamp(fragment, request.kind());
            List<Long> offsets = times.stream()
                    .map(t -> Duration.between(start, t).toMillis())
                    .toList();
            List<BufferedImage> frames = fragmentImages.at(fragment, offsets);
            for (int i = 0; i < times.size(); i++) {
                Instant time = times.get(i);
                if (frames == null) {
                    images.put(time, new Image(time, "NO_MEDIA", null));
                } else if (frames.get(i) == null) {
                    images.put(time, new Image(time, "MEDIA_ERROR", null));
                } else {
                    images.put(time, new Image(time, null, encoder.encode(frames.get(i))));
                }
            }
        });
        return samples.stream().map(images::get).toList();
    }

    /** The fragments that may cover the samples: those that start up to the longest fragment before the first. */
    private List<FragmentView> fragments(StreamView stream, TimestampKind kind, List<Instant> samples) {
        if (samples.isEmpty()) {
            return List.of();
        }
        Instant from = samples.get(0).minus(maxFragmentDuration);
        Instant to = samples.get(samples.size() - 1);
        List<FragmentView> fragments = new ArrayList<>();
        String after = null;
        FragmentPage page;
        do {
            page = index.page(stream.id(), kind, from, to, after, INDEX_PAGE);
            fragments.addAll(page.fragments());
            if (!page.fragments().isEmpty()) {
                after = page.fragments().get(page.fragments().size() - 1).fragmentNumber();
            }
        } while (page.hasMore());
        fragments.sort(Comparator.comparing((FragmentView f) -> timestamp(f, kind)));
        return fragments;
    }

    /** The fragment whose time span holds {@code sample}, the latest to start where two do; null for a gap. */
    private static FragmentView covering(List<FragmentView> fragments, TimestampKind kind, Instant sample) {
        FragmentView found = null;
        for (FragmentView fragment : fragments) {
            Instant start = timestamp(fragment, kind);
            if (start.isAfter(sample)) {
                break;
            }
            if (!start.plusMillis(fragment.durationMillis()).isBefore(sample)) {
                found = fragment;
            }
        }
        return found;
    }

    private static Instant timestamp(FragmentView fragment, TimestampKind kind) {
        return kind == TimestampKind.SERVER_TIMESTAMP ? fragment.serverTimestamp() : fragment.producerTimestamp();
    }

    private static int samplingInterval(Request request) {
        if (request.samplingIntervalMillis() == null) {
            return DEFAULT_SAMPLING_MILLIS;
        }
        if (request.samplingIntervalMillis() < MIN_SAMPLING_MILLIS) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("SamplingInterval must be at least " + MIN_SAMPLING_MILLIS
                    + " milliseconds, got " + request.samplingIntervalMillis());
        }
        return request.samplingIntervalMillis();
    }

    private static int jpegQuality(Request request) {
        if (request.jpegQuality() == null) {
            return DEFAULT_JPEG_QUALITY;
        }
        if (request.jpegQuality() < 1 || request.jpegQuality() > 100) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "JPEGQuality must be an integer from 1 to 100, got " + request.jpegQuality());
        }
        return request.jpegQuality();
    }

    /** The first sample time of this page: the StartTimestamp, or where the NextToken says the last page ended. */
    private static long firstSample(Request request, int interval) {
        long start = request.start().toEpochMilli();
        if (request.nextToken() == null) {
            return start;
        }
        long at;
        try {
            at = Long.parseLong(new String(Base64.getDecoder().decode(request.nextToken()), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken " + request.nextToken());
        }
        if (at < start || at > request.end().toEpochMilli() || (at - start) % interval != 0) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "The NextToken " + request.nextToken() + " does not belong to this request");
        }
        return at;
    }

    private static String token(Instant next) {
        return Base64.getEncoder()
                .encodeToString(Long.toString(next.toEpochMilli()).getBytes(StandardCharsets.US_ASCII));
    }
}
