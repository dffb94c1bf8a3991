package dev.shardline.firehose.ingest;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.firehose.delivery.DeliveryStreamEvents;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import dev.shardline.firehose.pipeline.BatchSink;
import dev.shardline.firehose.pipeline.LogValues;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One {@link DeliveryWorker} thread per ACTIVE delivery stream on every instance; the stream's consumer group shares
 * its partitions among the instances. Workers start when a stream turns ACTIVE, stop before its topic is deleted,
 * restart when its destination gets a new version, and a periodic reconciliation catches streams created, updated or
 * deleted on other instances and restarts failed workers.
 */
@Component
class DeliveryWorkers {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(10);
    /** The longest wait between two checks of a source that this instance cannot read. */
    private static final Duration MAX_SOURCE_BACKOFF = Duration.ofMinutes(1);

    private final DeliveryStreamService streams;
    private final SourceReaders readers;
    private final BatchSink sink;
    private final FirehoseProperties properties;
    private final Clock clock;
    private final Map<UUID, DeliveryWorker> workers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "firehose-workers");
        thread.setDaemon(true);
        return thread;
    });
    private final UnreadableSources unreadable;
    private volatile boolean stopped;

    // Five: a worker needs its stream, reader and sink; properties and clock are configuration.
    DeliveryWorkers(
            DeliveryStreamService streams,
            SourceReaders readers,
            BatchSink sink,
            FirehoseProperties properties,
            Clock clock) {
        this.streams = streams;
        this.readers = readers;
        this.sink = sink;
        this.properties = properties;
        this.clock = clock;
        this.unreadable = new UnreadableSources(properties.workerReconcileInterval(), MAX_SOURCE_BACKOFF);
    }

    /** Whether this instance keeps the delivery stream's worker out of its group because it cannot read the source. */
    boolean waitsForSource(UUID stream) {
        return unreadable.isWaiting(stream);
    }

    @EventListener(ApplicationReadyEvent.class)
    void startReconciling() {
        long every = properties.workerReconcileInterval().toMillis();
        reconciler.scheduleWithFixedDelay(this::reconcile, 0, every, TimeUnit.MILLISECONDS);
    }

    @EventListener
    void onActivated(DeliveryStreamEvents.Activated activated) {
        start(activated.stream());
    }

    /** After the update committed, the stream's worker delivers to the new destination. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onDestinationUpdated(DeliveryStreamEvents.DestinationUpdated updated) {
        try {
            start(updated.stream());
        } catch (RuntimeException e) {
            // The update is committed; the next reconciliation compares versions and restarts the worker then.
            log.warn(
                    "Restarting the delivery worker of {} failed; retrying in {}",
                    updated.stream().ref().name(),
                    properties.workerReconcileInterval(),
                    e);
        }
    }

    @EventListener
    void onRemoving(DeliveryStreamEvents.Removing removing) {
        unreadable.forget(removing.id());
        DeliveryWorker worker = workers.remove(removing.id());
        if (worker != null) {
            worker.stop();
        }
    }

    private void reconcile() {
        try {
            Map<UUID, DeliveryStreamView> active =
                    streams.active().stream().collect(Collectors.toMap(DeliveryStreamView::id, s -> s));
            active.values().forEach(this::start);
            Set<UUID> gone = workers.keySet().stream()
                    .filter(id -> !active.containsKey(id))
                    .collect(Collectors.toSet());
            gone.forEach(id -> onRemoving(new DeliveryStreamEvents.Removing(id)));
        } catch (RuntimeException e) {
            log.warn(
                    "Reconciling delivery workers failed; trying again in {}", properties.workerReconcileInterval(), e);
        }
    }

    private synchronized void start(DeliveryStreamView stream) {
        if (stopped) {
            return;
        }
        DeliveryWorker current = workers.get(stream.id());
        if (current != null && current.isRunning()) {
            if (current.versionId() >= stream.versionId()) {
                return;
            }
            // The destination changed: the old worker finishes its batch in flight and leaves the group first, so
            // what it did not commit is delivered again, by the new worker, to the new destination.
            current.stopAfterCurrentBatch();
            if (!current.awaitFinished(RESTART_TIMEOUT)) {
                current.stop();
                current.awaitFinished(RESTART_TIMEOUT);
            }
            log.info(
                    "Delivery worker of {} restarts for destination version {}",
                    stream.ref().name(),
                    stream.versionId());
        }
        if (!canRead(stream)) {
            return;
        }
        DeliveryWorker worker;
        try {
            worker = new DeliveryWorker(
                    stream,
                    readers.readerOf(stream),
                    readers.newConsumer(stream),
                    sink,
                    clock,
                    properties.retryBackoff());
        } catch (RuntimeException e) {
            log.warn(
                    "Delivery worker of {} could not start; retrying at the next reconciliation",
                    stream.ref().name(),
                    e);
            return;
        }
        workers.put(stream.id(), worker);
        Thread thread = new Thread(worker, "firehose-delivery-" + stream.ref().name());
        thread.setDaemon(true);
        thread.start();
        log.debug("Delivery worker of {} started", stream.ref().name());
    }

    /**
     * Whether this instance can read the stream's source, checked before its worker joins the delivery group: one that
     * cannot (its stream catalogue does not know the Kinesis stream) would hold partitions it cannot deliver, and the
     * instances that can would never get them.
     */
    private boolean canRead(DeliveryStreamView stream) {
        if (!unreadable.due(stream.id(), clock.instant())) {
            return false;
        }
        Optional<String> why;
        try {
            why = readers.unreadableSource(stream);
        } catch (RuntimeException e) {
            why = Optional.of("checking its source failed: " + LogValues.describe(e));
        }
        if (why.isPresent()) {
            unreadable.unreadable(stream, why.get(), clock.instant());
            return false;
        }
        unreadable.readable(stream);
        return true;
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        reconciler.shutdownNow();
        workers.values().forEach(DeliveryWorker::stop);
        workers.clear();
    }
}
