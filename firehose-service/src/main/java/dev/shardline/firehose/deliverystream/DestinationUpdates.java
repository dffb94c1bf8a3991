package dev.shardline.firehose.deliverystream;

import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.DeliveryStreamEvents;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Destination;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * UpdateDestination: the stream's row is locked, so of two updates from the same version exactly one wins and the
 * other sees the new version (ConcurrentModificationException). Delivery workers follow the new version.
 */
@Service
public class DestinationUpdates {

    private static final Logger log = LoggerFactory.getLogger(DestinationUpdates.class);

    private final DeliveryStreamRepository streams;
    private final ApplicationEventPublisher events;
    private final ConfiguredHosts hosts;
    private final Clock clock;

    DestinationUpdates(
            DeliveryStreamRepository streams, ApplicationEventPublisher events, ConfiguredHosts hosts, Clock clock) {
        this.streams = streams;
        this.events = events;
        this.hosts = hosts;
        this.clock = clock;
    }

    /**
     * Replaces the destination by {@code merge} applied to the current one, after UpdateDestination's preconditions;
     * {@code merge} validates and refuses what it cannot apply.
     */
    @Transactional
    public DeliveryStreamView update(
            DeliveryStreamRef ref, String currentVersionId, String destinationId, UnaryOperator<Destination> merge) {
        DeliveryStream stream = streams.lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> DeliveryStreamErrors.notFound(ref));
        stream.checkDestinationUpdate(currentVersionId, destinationId);
        Destination merged = merge.apply(stream.destination());
        hosts.check(merged);
        stream.replaceDestination(merged, clock.instant());
        DeliveryStreamView updated = stream.view();
        log.info("Delivery stream {} has a new destination, version {}", ref.name(), updated.versionId());
        events.publishEvent(new DeliveryStreamEvents.DestinationUpdated(updated));
        return updated;
    }
}
