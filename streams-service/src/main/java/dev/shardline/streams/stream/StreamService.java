package dev.shardline.streams.stream;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.StreamsProperties;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The control plane of Kinesis Data Streams: create, delete, describe and list streams. */
@Service
public class StreamService {

    private static final Logger log = LoggerFactory.getLogger(StreamService.class);
    static final int DEFAULT_RETENTION_HOURS = 24;

    private final StreamRepository streams;
    private final StreamLifecycle lifecycle;
    private final StreamsProperties properties;
    private final Clock clock;

    StreamService(StreamRepository streams, StreamLifecycle lifecycle, StreamsProperties properties, Clock clock) {
        this.streams = streams;
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public StreamView create(StreamRef ref, int shardCount, StreamMode mode) {
        if (streams.findByRef(ref.accountId(), ref.region(), ref.name()).isPresent()) {
            throw StreamErrors.alreadyExists(ref);
        }
        checkShardLimit(ref, shardCount);
        if (mode == StreamMode.ON_DEMAND
                && streams.countByMode(ref.accountId(), ref.region(), StreamMode.ON_DEMAND)
                        >= properties.onDemandStreamLimit()) {
            throw AwsErrorType.LIMIT_EXCEEDED.exception("This request would exceed the on-demand stream count limit "
                    + "for the account " + ref.accountId() + " in " + ref.region() + ". Limit: "
                    + properties.onDemandStreamLimit() + ".");
        }
        KinesisStream stream = KinesisStream.create(
                ref, shardCount, mode, DEFAULT_RETENTION_HOURS, properties.topicPrefix(), clock.instant());
        try {
            streams.saveAndFlush(stream);
        } catch (DataIntegrityViolationException raced) {
            throw StreamErrors.alreadyExists(ref);
        }
        log.info("Stream {} created with {} shards ({}), topic {}", ref.name(), shardCount, mode, stream.topic());
        lifecycle.activateAfterCommit(stream.id());
        return StreamView.of(stream);
    }

    private void checkShardLimit(StreamRef ref, int additional) {
        long open = streams.countOpenShards(ref.accountId(), ref.region());
        if (open + additional > properties.shardLimit()) {
            throw AwsErrorType.LIMIT_EXCEEDED.exception("This request would exceed the shard limit for the account "
                    + ref.accountId() + " in " + ref.region() + ". Current shard count for the account: " + open
                    + ". Limit: " + properties.shardLimit()
                    + ". Number of additional shards that would have resulted from this request: " + additional
                    + ". Refer to the AWS Service Limits page "
                    + "(https://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits "
                    + "and how to request higher limits.");
        }
    }

    @Transactional
    public void delete(StreamRef ref) {
        delete(ref, true);
    }

    /** As AWS: a stream with registered consumers is deleted only when the caller enforces their deletion. */
    @Transactional
    public void delete(StreamRef ref, boolean enforceConsumerDeletion) {
        KinesisStream stream = streams.lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> StreamErrors.notFound(ref));
        if (!enforceConsumerDeletion && streams.countConsumers(stream.id()) > 0) {
            throw AwsErrorType.RESOURCE_IN_USE.exception("Stream " + ref.name() + " under account "
                    + ref.accountId() + " has registered consumers. Set EnforceConsumerDeletion to true to delete "
                    + "the stream and its consumers.");
        }
        stream.beginDelete(clock.instant());
        log.info("Stream {} is being deleted", ref.name());
        lifecycle.deleteAfterCommit(stream.id());
    }

    @Transactional(readOnly = true)
    public StreamView describe(StreamRef ref) {
        return StreamView.of(load(ref));
    }

    /** The stream, if it exists; for callers that answer its absence in their own words. */
    @Transactional(readOnly = true)
    public Optional<StreamView> find(StreamRef ref) {
        return streams.findByRef(ref.accountId(), ref.region(), ref.name()).map(StreamView::of);
    }

    /** A page of an account's streams in name order, after {@code exclusiveStartName}. */
    @Transactional(readOnly = true)
    public StreamPage list(String accountId, String region, String exclusiveStartName, int limit) {
        List<KinesisStream> page = streams.findPage(
                accountId, region, exclusiveStartName == null ? "" : exclusiveStartName, Limit.of(limit + 1));
        boolean hasMore = page.size() > limit;
        return new StreamPage(page.stream().limit(limit).map(StreamView::of).toList(), hasMore);
    }

    @Transactional(readOnly = true)
    public AccountLimits limits(String accountId, String region) {
        return new AccountLimits(
                properties.shardLimit(),
                streams.countOpenShards(accountId, region),
                streams.countByMode(accountId, region, StreamMode.ON_DEMAND),
                properties.onDemandStreamLimit());
    }

    private KinesisStream load(StreamRef ref) {
        return streams.findByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> StreamErrors.notFound(ref));
    }

    public record StreamPage(List<StreamView> streams, boolean hasMore) {}

    public record AccountLimits(
            int shardLimit, long openShardCount, long onDemandStreamCount, int onDemandStreamLimit) {}
}
