package dev.shardline.firehose.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Puts numbered 1 KiB lines into a delivery stream, one PutRecordBatch every {@code 200 ms}, through the client that
 * {@code clients} picks for each call, and remembers which lines each call acknowledged. A call that fails (its
 * instance went away) leaves its lines unacknowledged: they may or may not have been buffered.
 */
final class Putter implements AutoCloseable {

    static final int LINE_BYTES = 1000;

    private final String stream;
    private final String prefix;
    private final IntFunction<FirehoseClient> clients;
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    Putter(String stream, String prefix, IntFunction<FirehoseClient> clients) {
        this.stream = stream;
        this.prefix = prefix;
        this.clients = clients;
    }

    Putter start(int recordsPerCall) {
        executor.scheduleWithFixedDelay(() -> put(recordsPerCall), 0, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Ids of the lines of every call made so far. */
    Set<String> attempted() {
        return attempted;
    }

    /** Ids of the lines that a call answered with a RecordId. */
    Set<String> acknowledged() {
        return acknowledged;
    }

    /** Stops after the call in flight. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a PutRecordBatch call did not return within 60 s");
        }
    }

    private void put(int records) {
        int call = calls.getAndIncrement();
        List<String> lines = lines(prefix + "-" + call, records);
        lines.forEach(line -> attempted.add(idOf(line)));
        try {
            PutRecordBatchResponse response = clients.apply(call)
                    .putRecordBatch(r -> r.deliveryStreamName(stream)
                            .records(lines.stream()
                                    .map(line -> Record.builder()
                                            .data(SdkBytes.fromString(line + "\n", StandardCharsets.UTF_8))
                                            .build())
                                    .toList()));
            for (int i = 0; i < lines.size(); i++) {
                if (response.requestResponses().get(i).recordId() != null) {
                    acknowledged.add(idOf(lines.get(i)));
                }
            }
        } catch (RuntimeException instanceGone) {
            // The instance refused or dropped the call: its lines may or may not be in the buffer.
        }
    }

    /** {@code count} lines of {@link #LINE_BYTES} characters: an id, a space, padding. */
    static List<String> lines(String prefix, int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            lines.add(id + " " + ".".repeat(LINE_BYTES - id.length() - 1));
        }
        return lines;
    }

    static String idOf(String line) {
        return line.substring(0, line.indexOf(' '));
    }

    /** The ids of {@code ids} that {@code in} does not hold. */
    static List<String> notIn(Collection<String> ids, Collection<String> in) {
        Set<String> present = new HashSet<>(in);
        return ids.stream().filter(id -> !present.contains(id)).sorted().toList();
    }
}
