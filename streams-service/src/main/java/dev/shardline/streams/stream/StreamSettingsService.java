package dev.shardline.streams.stream;

import dev.shardline.platform.error.AwsErrorType;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The settings of a live stream: retention, largest record and enhanced monitoring. A change puts the stream in
 * UPDATING; {@link StreamLifecycle} applies it to the topic and makes the stream ACTIVE again.
 */
@Service
public class StreamSettingsService {

    private static final Logger log = LoggerFactory.getLogger(StreamSettingsService.class);

    private final StreamRepository streams;
    private final StreamLifecycle lifecycle;
    private final Clock clock;

    StreamSettingsService(StreamRepository streams, StreamLifecycle lifecycle, Clock clock) {
        this.streams = streams;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @Transactional
    public StreamView increaseRetention(StreamRef ref, int hours) {
        KinesisStream stream = load(ref);
        apply(stream, stream.increaseRetention(hours, clock.instant()), "retention " + hours + " hours");
        return StreamView.of(stream);
    }

    @Transactional
    public StreamView decreaseRetention(StreamRef ref, int hours) {
        KinesisStream stream = load(ref);
        apply(stream, stream.decreaseRetention(hours, clock.instant()), "retention " + hours + " hours");
        return StreamView.of(stream);
    }

    @Transactional
    public StreamView updateMaxRecordSize(StreamRef ref, int kib) {
        KinesisStream stream = load(ref);
        apply(stream, stream.updateMaxRecordSize(kib, clock.instant()), "max record size " + kib + " KiB");
        return StreamView.of(stream);
    }

    @Transactional
    public MetricsChange enableMetrics(StreamRef ref, Set<ShardLevelMetric> metrics) {
        KinesisStream stream = load(ref);
        Set<ShardLevelMetric> current = stream.shardLevelMetrics();
        apply(stream, stream.enableMetrics(metrics, clock.instant()), "shard-level metrics " + metrics + " on");
        return new MetricsChange(current, stream.shardLevelMetrics());
    }

    @Transactional
    public MetricsChange disableMetrics(StreamRef ref, Set<ShardLevelMetric> metrics) {
        KinesisStream stream = load(ref);
        Set<ShardLevelMetric> current = stream.shardLevelMetrics();
        apply(stream, stream.disableMetrics(metrics, clock.instant()), "shard-level metrics " + metrics + " off");
        return new MetricsChange(current, stream.shardLevelMetrics());
    }

    private void apply(KinesisStream stream, boolean changed, String what) {
        if (!changed) {
            return;
        }
        try {
            streams.saveAndFlush(stream);
        } catch (OptimisticLockingFailureException raced) {
            // A concurrent change won; AWS, which serialises them, would find the stream UPDATING.
            throw AwsErrorType.RESOURCE_IN_USE.exception("Stream " + stream.name() + " under account "
                    + stream.ref().accountId() + " not ACTIVE, instead in state UPDATING");
        }
        log.info("Stream {} is UPDATING: {}", stream.name(), what);
        lifecycle.settleAfterCommit(stream.id());
    }

    private KinesisStream load(StreamRef ref) {
        return streams.lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> StreamErrors.notFound(ref));
    }

    /** The shard-level metrics before and after an Enable- or DisableEnhancedMonitoring call. */
    public record MetricsChange(Set<ShardLevelMetric> current, Set<ShardLevelMetric> desired) {}
}
