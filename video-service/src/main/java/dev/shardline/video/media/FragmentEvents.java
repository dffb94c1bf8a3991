package dev.shardline.video.media;

import dev.shardline.platform.kafka.AcknowledgedSends;
import dev.shardline.platform.kafka.KafkaClientFactory;
import dev.shardline.platform.kafka.TopicAdmin;
import dev.shardline.video.VideoProperties;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays the fragment outbox to Kafka ({@code shardline.video.fragment-topic}, keyed by stream id so one stream's
 * events stay in order): a batch of rows is locked, sent with acks=all, and deleted in the same transaction once
 * acknowledged. A crash between the send and the commit sends those events again (at least once); instances share
 * the outbox through {@code skip locked}.
 */
@Component
class FragmentEvents {

    private static final Logger log = LoggerFactory.getLogger(FragmentEvents.class);
    private static final int BATCH = 500;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);

    private final FragmentEventRepository events;
    private final TransactionTemplate transactions;
    private final KafkaClientFactory kafka;
    private final VideoProperties properties;
    private final ScheduledExecutorService relay = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "video-fragment-events");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaProducer<byte[], byte[]> producer;

    FragmentEvents(
            FragmentEventRepository events,
            TransactionTemplate transactions,
            KafkaClientFactory kafka,
            VideoProperties properties) {
        this.events = events;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        relay.execute(() -> {
            try (var admin = kafka.admin("shardline-video-events")) {
                new TopicAdmin(admin, Duration.ofSeconds(30))
                        .create(properties.fragmentTopic(), 1, properties.fragmentTopicReplicationFactor(), Map.of());
            } catch (RuntimeException e) {
                log.warn("The fragment topic {} could not be created; sends will retry", properties.fragmentTopic(), e);
            }
            producer = kafka.durableProducer("shardline-video-events", 1024 * 1024, Map.of());
            relay.scheduleWithFixedDelay(this::relayOnce, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void relayOnce() {
        try {
            Integer sent;
            do {
                sent = transactions.execute(tx -> relayBatch());
            } while (sent != null && sent == BATCH);
        } catch (RuntimeException e) {
            log.warn("Fragment events could not be relayed to {}; retrying", properties.fragmentTopic(), e);
        }
    }

    /** Sends the oldest batch; deletes the events Kafka acknowledged, up to the first it did not. */
    private int relayBatch() {
        List<FragmentEvent> batch = events.lockOldest(BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(batch.size());
        for (FragmentEvent event : batch) {
            records.add(new ProducerRecord<>(
                    properties.fragmentTopic(),
                    event.streamId().toString().getBytes(StandardCharsets.UTF_8),
                    event.payload().getBytes(StandardCharsets.UTF_8)));
        }
        List<AcknowledgedSends.Ack> acks = AcknowledgedSends.sendAll(producer, records, SEND_TIMEOUT);
        List<FragmentEvent> done = new ArrayList<>();
        for (int i = 0; i < batch.size() && acks.get(i).acknowledged(); i++) {
            done.add(batch.get(i));
        }
        events.deleteAllInBatch(done);
        if (done.size() < batch.size()) {
            throw new IllegalStateException((batch.size() - done.size()) + " fragment events were not acknowledged");
        }
        return done.size();
    }

    @PreDestroy
    void stop() {
        relay.shutdownNow();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
