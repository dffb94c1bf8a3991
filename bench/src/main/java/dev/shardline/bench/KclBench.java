package dev.shardline.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * One KCL 3.1.0 worker, built as its documentation shows and at its default settings, with its Kinesis, DynamoDB
 * (lease store) and CloudWatch clients all pointed at Shardline. Per retrieval mode (enhanced fan-out, the KCL's
 * default, and polling), on a stream of its own:
 *
 * <ol>
 *   <li>throughput: a backlog of {@code --records} records is put first, then the worker is started from TRIM_HORIZON;
 *       records/s is the backlog over the time from the first record processed to the last (the KCL's own start —
 *       lease table, leader election, lease assignment — is reported apart);
 *   <li>latency: then one writer puts single records at {@code --rate} per second for {@code --latency-seconds}, with
 *       System.nanoTime() in the body; put→process latency is from before PutRecord to the processor's
 *       processRecords (same JVM, one clock).
 * </ol>
 *
 * The processor checkpoints at most once every {@code --checkpoint-ms} per shard (default 1000; 0 after every batch),
 * and the time each checkpoint call takes (a conditional UpdateItem on the lease store) is reported too: with fan-out a
 * batch is often a single record, and a checkpoint after each one bounds how many records a shard processes per second.
 */
public final class KclBench {

    private static final Region REGION = Region.US_EAST_1;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    private KclBench() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = options(args);
        URI endpoint = URI.create(options.getOrDefault("endpoint", "http://127.0.0.1:4566"));
        List<String> modes =
                List.of(options.getOrDefault("modes", "fan-out,polling").split(","));
        int records = Integer.parseInt(options.getOrDefault("records", "50000"));
        int shards = Integer.parseInt(options.getOrDefault("shards", "2"));
        int recordBytes = Integer.parseInt(options.getOrDefault("record-bytes", "1024"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "100"));
        int latencySeconds = Integer.parseInt(options.getOrDefault("latency-seconds", "30"));
        long checkpointNanos =
                TimeUnit.MILLISECONDS.toNanos(Long.parseLong(options.getOrDefault("checkpoint-ms", "1000")));
        KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(ApacheHttpClient.builder().maxConnections(8).build())
                .build();

        List<String> rows = new ArrayList<>();
        for (String mode : modes) {
            rows.add(run(
                    endpoint,
                    kinesis,
                    mode.trim(),
                    shards,
                    records,
                    recordBytes,
                    rate,
                    latencySeconds,
                    checkpointNanos));
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "KCL 3.1.0, one worker, %d shards, %d B records; backlog of %d records, then %d records/s for %d s;"
                        + " checkpoint every %d ms%n%n",
                shards,
                recordBytes,
                records,
                rate,
                latencySeconds,
                TimeUnit.NANOSECONDS.toMillis(checkpointNanos));
        System.out.println("| retrieval | KCL start to first record (s) | backlog consumed (records/s)"
                + " | put→process p50 (ms) | p99 (ms) | max (ms) | latency records | checkpoint call p50 / p99 (ms) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.forEach(System.out::println);
    }

    private static String run(
            URI endpoint,
            KinesisClient kinesis,
            String mode,
            int shards,
            int records,
            int recordBytes,
            int rate,
            int latencySeconds,
            long checkpointNanos)
            throws Exception {
        String stream = "kcl-bench-" + mode + "-" + UUID.randomUUID().toString().substring(0, 6);
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (kinesis.describeStreamSummary(r -> r.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(stream + " did not become ACTIVE");
            }
            Thread.sleep(200);
        }
        log("%s: putting a backlog of %d records", mode, records);
        putBacklog(kinesis, stream, records, recordBytes);

        Counter counter = new Counter(records);
        KinesisAsyncClient kinesisAsync = KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .build();
        ConfigsBuilder configs = new ConfigsBuilder(
                new SingleStreamTracker(
                        stream,
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                stream + "-app",
                kinesisAsync,
                DynamoDbAsyncClient.builder()
                        .endpointOverride(endpoint)
                        .region(REGION)
                        .credentialsProvider(CREDENTIALS)
                        .build(),
                CloudWatchAsyncClient.builder()
                        .endpointOverride(endpoint)
                        .region(REGION)
                        .credentialsProvider(CREDENTIALS)
                        .build(),
                "bench-worker",
                () -> new Processor(counter, checkpointNanos, new AtomicLong()));
        var retrieval = configs.retrievalConfig();
        if (mode.equals("polling")) {
            retrieval.retrievalSpecificConfig(new PollingConfig(stream, kinesisAsync));
        } else if (!mode.equals("fan-out")) {
            throw new IllegalArgumentException("mode is fan-out or polling, not " + mode);
        }
        Scheduler scheduler = new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig(),
                configs.leaseManagementConfig(),
                configs.lifecycleConfig(),
                configs.metricsConfig(),
                configs.processorConfig(),
                retrieval);
        long started = System.nanoTime();
        Thread thread = new Thread(scheduler, "kcl-bench-" + mode);
        thread.setDaemon(true);
        thread.start();
        try {
            counter.awaitBacklog(Duration.ofMinutes(10));
            double startSeconds = (counter.firstNanos.get() - started) / 1e9;
            double throughput = records / ((counter.backlogDoneNanos.get() - counter.firstNanos.get()) / 1e9);
            log(
                    "%s: KCL start %.1f s, backlog %.0f records/s; now %d records/s for %d s",
                    mode, startSeconds, throughput, rate, latencySeconds);

            long sent = paced(kinesis, stream, rate, latencySeconds, recordBytes);
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (counter.latencyRecords() < sent && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
            }
            long[] latencies = counter.latencies();
            long[] checkpoints = counter.checkpoints();
            return String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.0f | %.0f | %.0f | %.0f | %d of %d | %.1f / %.1f |",
                    mode,
                    startSeconds,
                    throughput,
                    percentile(latencies, 50) / 1e6,
                    percentile(latencies, 99) / 1e6,
                    latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6,
                    latencies.length,
                    sent,
                    percentile(checkpoints, 50) / 1e6,
                    percentile(checkpoints, 99) / 1e6);
        } finally {
            scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS);
            thread.join(30_000);
            kinesis.deleteStream(r -> r.streamName(stream).enforceConsumerDeletion(true));
        }
    }

    private static void putBacklog(KinesisClient kinesis, String stream, int records, int recordBytes) {
        byte[] body = new byte[recordBytes];
        body[0] = 'B';
        int done = 0;
        while (done < records) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 500 && done + i < records; i++) {
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey("key-" + ((done + i) % 64))
                        .data(SdkBytes.fromByteArray(body))
                        .build());
            }
            PutRecordsResponse response =
                    kinesis.putRecords(r -> r.streamName(stream).records(entries));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                // throttled entries are put again: the backlog is exactly what was asked for
                List<PutRecordsRequestEntry> failed = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    if (response.records().get(i).errorCode() != null) {
                        failed.add(entries.get(i));
                    }
                }
                done += entries.size() - failed.size();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            done += entries.size();
        }
    }

    /** Single PutRecord calls at {@code rate} per second, each body starting with 'L' and System.nanoTime(). */
    private static long paced(KinesisClient kinesis, String stream, int rate, int seconds, int recordBytes) {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        for (long next = start; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            ByteBuffer body = ByteBuffer.allocate(Math.max(recordBytes, 9));
            body.put((byte) 'L').putLong(System.nanoTime());
            long n = sent;
            kinesis.putRecord(r ->
                    r.streamName(stream).partitionKey("key-" + (n % 64)).data(SdkBytes.fromByteArray(body.array())));
            sent++;
        }
        return sent;
    }

    private static double percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** What the processors saw: backlog records counted, latency records timed. */
    private static final class Counter {

        private final int backlog;
        private final AtomicLong backlogSeen = new AtomicLong();
        private final AtomicLong firstNanos = new AtomicLong();
        private final AtomicLong backlogDoneNanos = new AtomicLong();
        private final LongList latencies = new LongList();
        private final LongList checkpoints = new LongList();

        Counter(int backlog) {
            this.backlog = backlog;
        }

        void backlogRecords(int count, long now) {
            firstNanos.compareAndSet(0, now);
            if (backlogSeen.addAndGet(count) >= backlog) {
                backlogDoneNanos.compareAndSet(0, now);
            }
        }

        synchronized void latency(long nanos) {
            latencies.add(nanos);
        }

        synchronized void checkpoint(long nanos) {
            checkpoints.add(nanos);
        }

        synchronized long[] checkpoints() {
            return checkpoints.toSortedArray();
        }

        synchronized long latencyRecords() {
            return latencies.size();
        }

        synchronized long[] latencies() {
            return latencies.toSortedArray();
        }

        void awaitBacklog(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (backlogDoneNanos.get() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the backlog was not consumed within " + timeout + ": "
                            + backlogSeen.get() + " of " + backlog);
                }
                Thread.sleep(20);
            }
        }
    }

    /** Counts and times what it processes; checkpoints at most once every {@code checkpointNanos}. */
    private record Processor(Counter counter, long checkpointNanos, AtomicLong lastCheckpoint)
            implements ShardRecordProcessor {

        @Override
        public void initialize(InitializationInput input) {}

        @Override
        public void processRecords(ProcessRecordsInput input) {
            long now = System.nanoTime();
            int backlog = 0;
            for (KinesisClientRecord record : input.records()) {
                ByteBuffer data = record.data();
                if (data.get(data.position()) == 'L') {
                    counter.latency(now - data.getLong(data.position() + 1));
                } else {
                    backlog++;
                }
            }
            if (backlog > 0) {
                counter.backlogRecords(backlog, now);
            }
            if (now - lastCheckpoint.get() < checkpointNanos) {
                return;
            }
            try {
                long before = System.nanoTime();
                input.checkpointer().checkpoint();
                long after = System.nanoTime();
                counter.checkpoint(after - before);
                lastCheckpoint.set(after);
            } catch (InvalidStateException | ShutdownException e) {
                // the lease moved on
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {}

        @Override
        public void shardEnded(ShardEndedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (InvalidStateException | ShutdownException e) {
                // as above
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (InvalidStateException | ShutdownException e) {
                // as above
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[kcl-bench] " + format + "%n", args);
    }
}
