package dev.shardline.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The events the windowed SQL counts: small JSON click-like rows ({@code k} one of 16 keys, {@code ts} the event time in
 * ms, a pad to about 110 bytes). Loaded ahead of time, record {@code i} has event time {@code base + i}: 1,000 records
 * per one-second window. A sentinel per shard (partition), a minute of event time later, closes every real window.
 */
final class WindowEvents {

    static final int KEYS = 16;
    static final String SENTINEL_KEY = "sentinel";
    private static final int BATCH = 500;
    private static final int WRITERS = 4;
    private static final String PAD = "x".repeat(64);

    private WindowEvents() {}

    static byte[] json(String key, long ts) {
        return ("{\"k\":\"" + key + "\",\"ts\":" + ts + ",\"pad\":\"" + PAD + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static String key(long i) {
        return "k" + (i % KEYS);
    }

    /** Puts records {@code 0..count-1} with PutRecords (4 writers, 500 a call, failed entries put again). */
    static void loadStream(KinesisClient kinesis, String stream, List<Shard> shards, long base, int count)
            throws InterruptedException, ExecutionException {
        int batches = (count + BATCH - 1) / BATCH;
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            // Each writer takes the next batch when it is free, so at most WRITERS batches (2 s of event time) are in
            // flight at once and a shard's event time is out of order by no more than that, however uneven the
            // writers' progress on a busy machine (each writer striding over its own batches drifted by more than the
            // SQL's 10 s watermark delay, and the window dropped records as late).
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            for (int w = 0; w < WRITERS; w++) {
                done.add(writers.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        List<PutRecordsRequestEntry> entries = new ArrayList<>(BATCH);
                        for (long i = (long) b * BATCH; i < Math.min(count, (long) (b + 1) * BATCH); i++) {
                            entries.add(PutRecordsRequestEntry.builder()
                                    .partitionKey(Long.toString(i))
                                    .data(SdkBytes.fromByteArrayUnsafe(json(key(i), base + i)))
                                    .build());
                        }
                        putAll(kinesis, stream, entries);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }
        List<PutRecordsRequestEntry> sentinels = new ArrayList<>();
        for (Shard shard : shards) {
            sentinels.add(PutRecordsRequestEntry.builder()
                    .partitionKey(SENTINEL_KEY)
                    .explicitHashKey(shard.hashKeyRange().startingHashKey())
                    .data(SdkBytes.fromByteArrayUnsafe(json(SENTINEL_KEY, sentinelTs(base, count))))
                    .build());
        }
        putAll(kinesis, stream, sentinels);
    }

    static long sentinelTs(long base, int count) {
        return base + count + 60_000;
    }

    /** PutRecords until every entry is in: only the entries a call failed go again. */
    static void putAll(KinesisClient kinesis, String stream, List<PutRecordsRequestEntry> entries) {
        List<PutRecordsRequestEntry> pending = entries;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 50) {
                throw new IllegalStateException(pending.size() + " records still failing after 50 attempts");
            }
            List<PutRecordsRequestEntry> batch = pending;
            PutRecordsResponse response =
                    kinesis.putRecords(r -> r.streamName(stream).records(batch));
            if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
                return;
            }
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            List<PutRecordsResultEntry> results = response.records();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    failed.add(batch.get(i));
                }
            }
            pending = failed;
            sleep(50L * (attempt + 1));
        }
    }

    /** Creates a plain topic and writes the same records (key and value as in the stream), then a sentinel a partition. */
    static void loadTopic(String bootstrap, String topic, int partitions, long base, int count)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
            for (long i = 0; i < count; i++) {
                producer.send(
                        new ProducerRecord<>(
                                topic, Long.toString(i).getBytes(StandardCharsets.UTF_8), json(key(i), base + i)),
                        (metadata, error) -> {
                            if (error != null) {
                                failures.incrementAndGet();
                            }
                        });
            }
            List<Future<?>> sentinels = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                sentinels.add(producer.send(new ProducerRecord<>(
                        topic,
                        p,
                        SENTINEL_KEY.getBytes(StandardCharsets.UTF_8),
                        json(SENTINEL_KEY, sentinelTs(base, count)))));
            }
            producer.flush();
            for (Future<?> f : sentinels) {
                f.get(60, TimeUnit.SECONDS);
            }
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " records were not written to " + topic);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the topic's sentinels were not acknowledged", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
