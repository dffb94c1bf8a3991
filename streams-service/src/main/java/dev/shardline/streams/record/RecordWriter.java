package dev.shardline.streams.record;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.kafka.StreamsKafka;
import dev.shardline.streams.stream.ShardMapFence;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamView;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * PutRecord and PutRecords: route each record by its hash key to the open shard that owns it and append it to that
 * shard's partition. A record is acknowledged only after the broker has it (acks=all).
 */
@Service
public class RecordWriter {

    private static final Logger log = LoggerFactory.getLogger(RecordWriter.class);
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final ShardMapFence fence;
    private final ShardThroughput throughput;
    private final KafkaProducer<byte[], byte[]> producer;
    private final StreamMetrics metrics;
    private final Clock clock;
    private final RecordCodec codec;

    // Six: a put routes under the fence, throttles, seals, sends, counts and stamps the arrival time, all one request's
    // path.
    RecordWriter(
            ShardMapFence fence,
            ShardThroughput throughput,
            StreamsKafka kafka,
            StreamMetrics metrics,
            Clock clock,
            RecordCodec codec) {
        this.fence = fence;
        this.throughput = throughput;
        this.producer = kafka.producer();
        this.metrics = metrics;
        this.clock = clock;
        this.codec = codec;
    }

    /**
     * A put's entries, made once the stream's record size limit is known: the caller checks its records against it, so
     * that a call reads the stream (and its shard map) once, under the fence.
     */
    @FunctionalInterface
    public interface Entries {
        List<PutEntry> within(int maxRecordBytes);
    }

    public PutOutcome put(StreamRef ref, Entries entry) {
        PutOutcome outcome = putAll(ref, entry).get(0);
        if (outcome.isFailure()) {
            throw "ProvisionedThroughputExceededException".equals(outcome.errorCode())
                    ? AwsErrorType.PROVISIONED_THROUGHPUT_EXCEEDED.exception(outcome.errorMessage())
                    : AwsErrorType.INTERNAL_FAILURE.exception(outcome.errorMessage());
        }
        return outcome;
    }

    /** Appends every entry; a record that the broker refuses fails alone, as PutRecords reports it. */
    public List<PutOutcome> putAll(StreamRef ref, Entries entries) {
        // Routed and acknowledged under the fence, so a resharding never switches the shard map mid-put.
        return fence.write(ref, stream -> putWithCurrentMap(stream, entries.within(stream.maxRecordSizeBytes())));
    }

    private List<PutOutcome> putWithCurrentMap(StreamView stream, List<PutEntry> entries) {
        StreamRef ref = stream.ref();
        RecordCodec.Sealer sealer = codec.sealerFor(stream, entries.size());
        List<ShardView> open = stream.openShards();
        Instant arrival = Instant.ofEpochMilli(clock.millis());
        List<ShardView> targets = new ArrayList<>(entries.size());
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(entries.size());
        List<ShardThroughput.Write> admissions = new ArrayList<>(entries.size());
        for (PutEntry entry : entries) {
            ShardView shard = route(open, entry);
            targets.add(shard);
            ShardThroughput.Write admission = throughput.tryWrite(
                    stream, shard, entry.data().length + entry.partitionKey().length());
            admissions.add(admission);
            if (admission != ShardThroughput.Write.ADMITTED) {
                acks.add(null);
                continue;
            }
            CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
            RecordEnvelope envelope = new RecordEnvelope(entry.partitionKey(), entry.data(), arrival);
            producer.send(sealer.seal(envelope, stream.topic(), shard.index()), (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(metadata);
                }
            });
            acks.add(ack);
        }
        List<PutOutcome> outcomes = new ArrayList<>(entries.size());
        StreamMetrics.Tally tally = metrics.tally(ref.name());
        for (int i = 0; i < entries.size(); i++) {
            boolean throttled = acks.get(i) == null;
            PutOutcome outcome = throttled
                    ? PutOutcome.failed(
                            "ProvisionedThroughputExceededException",
                            (admissions.get(i) == ShardThroughput.Write.STREAM_EXCEEDED
                                            ? ShardThroughput.streamExceeded(stream)
                                            : ShardThroughput.exceeded(stream, targets.get(i)))
                                    .getMessage())
                    : outcome(targets.get(i), acks.get(i), arrival, ref, sealer.encrypts());
            outcomes.add(outcome);
            tally.put(targets.get(i).shardId(), entries.get(i).data().length, outcome.isFailure(), throttled);
        }
        tally.record();
        return outcomes;
    }

    private static ShardView route(List<ShardView> open, PutEntry entry) {
        BigInteger hashKey =
                entry.explicitHashKey() != null ? entry.explicitHashKey() : HashKeyRange.hashOf(entry.partitionKey());
        for (ShardView shard : open) {
            if (shard.hashKeyRange().contains(hashKey)) {
                return shard;
            }
        }
        throw new IllegalStateException("No open shard owns hash key " + hashKey);
    }

    private static PutOutcome outcome(
            ShardView shard, CompletableFuture<RecordMetadata> ack, Instant arrival, StreamRef ref, boolean encrypted) {
        try {
            RecordMetadata metadata = ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return PutOutcome.stored(
                    shard.shardId(),
                    shard.sequenceNumber(metadata.offset(), arrival).toString(),
                    encrypted);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Record for stream {} shard {} was not acknowledged", ref.name(), shard.shardId(), e);
            return PutOutcome.failed("InternalFailure", "Internal service failure.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PutOutcome.failed("InternalFailure", "Internal service failure.");
        }
    }
}
