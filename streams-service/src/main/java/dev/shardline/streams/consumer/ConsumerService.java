package dev.shardline.streams.consumer;

import dev.shardline.streams.stream.ConsumerCounts;
import dev.shardline.streams.stream.StreamErrors;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Enhanced fan-out consumers: register, deregister, describe and list them. */
@Service
public class ConsumerService implements ConsumerCounts {

    private static final Logger log = LoggerFactory.getLogger(ConsumerService.class);
    /** AWS's quota of consumers per stream. */
    static final int CONSUMER_LIMIT = 20;

    private final ConsumerRepository consumers;
    private final StreamService streams;
    private final ConsumerLifecycle lifecycle;
    private final Clock clock;

    ConsumerService(ConsumerRepository consumers, StreamService streams, ConsumerLifecycle lifecycle, Clock clock) {
        this.consumers = consumers;
        this.streams = streams;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** A new consumer in CREATING; it turns ACTIVE after {@code state-transition-delay}. */
    @Transactional
    public ConsumerView register(StreamRef ref, String name) {
        StreamView stream = streams.describe(ref);
        if (!stream.acceptsData()) {
            throw ConsumerErrors.streamNotActive(ref, stream.status());
        }
        consumers.lockStream(stream.id());
        if (consumers.findByName(stream.id(), name).isPresent()) {
            throw ConsumerErrors.alreadyExists(ref, name);
        }
        if (consumers.countByStream(stream.id()) >= CONSUMER_LIMIT) {
            throw ConsumerErrors.limitExceeded(ref, CONSUMER_LIMIT);
        }
        StreamConsumer consumer = StreamConsumer.register(stream.id(), name, clock.instant());
        try {
            consumers.saveAndFlush(consumer);
        } catch (DataIntegrityViolationException raced) {
            throw ConsumerErrors.alreadyExists(ref, name);
        }
        log.info("Consumer {} registered on stream {}", name, ref.name());
        lifecycle.activateAfterCommit(consumer.id());
        return ConsumerView.of(consumer, ref);
    }

    /** An ACTIVE consumer goes DELETING, then away; its subscriptions end. */
    @Transactional
    public void deregister(ConsumerArn arn) {
        deregister(load(arn), arn.stream());
    }

    @Transactional
    public void deregister(StreamRef ref, String name) {
        deregister(load(ref, name), ref);
    }

    private void deregister(StreamConsumer consumer, StreamRef ref) {
        consumer.beginDelete(ref, clock.instant());
        log.info("Consumer {} of stream {} is being deregistered", consumer.name(), ref.name());
        lifecycle.deleteAfterCommit(consumer.id());
    }

    @Transactional(readOnly = true)
    public ConsumerView describe(ConsumerArn arn) {
        return ConsumerView.of(load(arn), arn.stream());
    }

    @Transactional(readOnly = true)
    public ConsumerView describe(StreamRef ref, String name) {
        return ConsumerView.of(load(ref, name), ref);
    }

    /**
     * The consumer an ARN names, in any state, if it exists: its stream, name and creation second must all match. For
     * callers that answer its absence in their own words.
     */
    @Transactional(readOnly = true)
    public Optional<ConsumerView> find(ConsumerArn arn) {
        return streams.find(arn.stream())
                .flatMap(stream -> consumers.findByName(stream.id(), arn.consumerName()))
                .filter(c -> c.createdAt().getEpochSecond() == arn.creationEpochSeconds())
                .map(c -> ConsumerView.of(c, arn.stream()));
    }

    /**
     * A page of a stream's consumers in name order, after {@code exclusiveStartName}. {@code streamCreatedAt}, when
     * given, must be the stream's creation time: it tells a stream from an earlier one of the same name.
     */
    @Transactional(readOnly = true)
    public ConsumerPage list(StreamRef ref, Instant streamCreatedAt, String exclusiveStartName, int limit) {
        StreamView stream = streams.describe(ref);
        if (streamCreatedAt != null
                && streamCreatedAt.toEpochMilli() != stream.createdAt().toEpochMilli()) {
            throw StreamErrors.notFound(ref);
        }
        List<StreamConsumer> page = consumers.findPage(
                stream.id(), exclusiveStartName == null ? "" : exclusiveStartName, Limit.of(limit + 1));
        return new ConsumerPage(
                page.stream().limit(limit).map(c -> ConsumerView.of(c, ref)).toList(), page.size() > limit);
    }

    /** How many consumers a stream has, in any state, as DescribeStreamSummary's ConsumerCount. */
    @Transactional(readOnly = true)
    @Override
    public int count(UUID streamId) {
        return (int) consumers.countByStream(streamId);
    }

    private StreamConsumer load(ConsumerArn arn) {
        StreamView stream = streams.describe(arn.stream());
        return consumers
                .findByName(stream.id(), arn.consumerName())
                .filter(c -> c.createdAt().getEpochSecond() == arn.creationEpochSeconds())
                .orElseThrow(() -> ConsumerErrors.notFound(arn));
    }

    private StreamConsumer load(StreamRef ref, String name) {
        StreamView stream = streams.describe(ref);
        return consumers.findByName(stream.id(), name).orElseThrow(() -> ConsumerErrors.notFound(ref, name));
    }

    public record ConsumerPage(List<ConsumerView> consumers, boolean hasMore) {}
}
