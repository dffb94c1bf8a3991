package dev.shardline.video.stream;

import dev.shardline.platform.tag.TagPage;
import dev.shardline.video.VideoProperties;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The control plane of video streams: what the AWS actions and the REST API both call. */
@Service
public class VideoStreamService {

    private static final Logger log = LoggerFactory.getLogger(VideoStreamService.class);

    private final VideoStreamRepository streams;
    private final VideoStreamLifecycle lifecycle;
    private final VideoProperties properties;
    private final Clock clock;

    VideoStreamService(
            VideoStreamRepository streams, VideoStreamLifecycle lifecycle, VideoProperties properties, Clock clock) {
        this.streams = streams;
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.clock = clock;
    }

    /** A page of streams and whether more follow. */
    public record StreamPage(List<StreamView> streams, boolean hasMore) {}

    /** What CreateStream asks for; null members take AWS's defaults. */
    public record NewStream(
            String deviceName,
            String mediaType,
            String kmsKeyId,
            Integer dataRetentionInHours,
            Map<String, String> tags) {}

    @Transactional
    public StreamView create(StreamSelector ref, NewStream request) {
        if (streams.findByName(ref.accountId(), ref.region(), ref.name()).isPresent()) {
            throw VideoStreamErrors.alreadyExists(ref.name());
        }
        if (streams.countByAccount(ref.accountId(), ref.region()) >= properties.streamLimit()) {
            throw VideoStreamErrors.streamLimit(properties.streamLimit());
        }
        VideoStream stream = VideoStream.create(
                ref,
                request.deviceName(),
                request.mediaType(),
                request.kmsKeyId(),
                request.dataRetentionInHours() == null ? 0 : request.dataRetentionInHours(),
                request.tags(),
                clock.instant());
        try {
            streams.saveAndFlush(stream);
        } catch (DataIntegrityViolationException raced) {
            throw VideoStreamErrors.alreadyExists(ref.name());
        }
        lifecycle.activateAfterCommit(stream.id());
        log.info("Video stream {} created", ref.name());
        return stream.view();
    }

    @Transactional(readOnly = true)
    public StreamView describe(StreamSelector ref) {
        return find(ref).view();
    }

    /** The stream, if it is ACTIVE: what PutMedia writes to. */
    @Transactional(readOnly = true)
    public StreamView active(StreamSelector ref) {
        StreamView stream = find(ref).view();
        if (stream.status() != VideoStreamStatus.ACTIVE) {
            throw VideoStreamErrors.notFound();
        }
        return stream;
    }

    @Transactional(readOnly = true)
    public StreamPage list(String accountId, String region, String prefix, String afterName, int limit) {
        List<StreamView> page = streams
                .findPage(
                        accountId,
                        region,
                        afterName == null ? "" : afterName,
                        prefix == null ? "" : prefix,
                        Limit.of(limit + 1))
                .stream()
                .map(VideoStream::view)
                .toList();
        return page.size() > limit ? new StreamPage(page.subList(0, limit), true) : new StreamPage(page, false);
    }

    @Transactional
    public void delete(StreamSelector ref, String currentVersion) {
        VideoStream stream = lock(ref);
        stream.beginDeletion(currentVersion);
        lifecycle.deleteAfterCommit(stream.id());
        log.info("Video stream {} is DELETING", stream.name());
    }

    @Transactional
    public StreamView update(StreamSelector ref, String currentVersion, String deviceName, String mediaType) {
        VideoStream stream = lock(ref);
        stream.update(currentVersion, deviceName, mediaType);
        return stream.view();
    }

    @Transactional
    public StreamView changeRetention(StreamSelector ref, String currentVersion, boolean increase, int hours) {
        VideoStream stream = lock(ref);
        stream.changeRetention(currentVersion, increase, hours);
        return stream.view();
    }

    @Transactional
    public void tag(StreamSelector ref, Map<String, String> tags) {
        lock(ref).addTags(tags);
    }

    @Transactional
    public void untag(StreamSelector ref, Collection<String> keys) {
        lock(ref).removeTags(keys);
    }

    @Transactional(readOnly = true)
    public TagPage tags(StreamSelector ref, String exclusiveStartKey, int limit) {
        return TagPage.of(find(ref).tags(), exclusiveStartKey, limit);
    }

    private VideoStream find(StreamSelector ref) {
        return streams.findByName(ref.accountId(), ref.region(), ref.name())
                .filter(s -> ref.arn() == null || s.arn().equals(ref.arn()))
                .orElseThrow(VideoStreamErrors::notFound);
    }

    private VideoStream lock(StreamSelector ref) {
        return streams.lockByName(ref.accountId(), ref.region(), ref.name())
                .filter(s -> ref.arn() == null || s.arn().equals(ref.arn()))
                .orElseThrow(VideoStreamErrors::notFound);
    }
}
