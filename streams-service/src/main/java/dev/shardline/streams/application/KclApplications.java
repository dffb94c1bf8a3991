package dev.shardline.streams.application;

import dev.shardline.kinesis.SequenceNumber;
import dev.shardline.streams.consumer.ConsumerService;
import dev.shardline.streams.kafka.StreamTopics;
import dev.shardline.streams.lease.KclLeases;
import dev.shardline.streams.lease.KclLeases.KclLease;
import dev.shardline.streams.lease.KclLeases.KclLeaseTable;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The KCL applications that read an account's streams, as their lease tables show them: per shard the lease's owner,
 * counter, checkpoint and how many records the checkpoint is behind the shard's latest.
 *
 * <p>A lease table in the KCL's single-stream mode does not name its stream (a lease key is just {@code shardId-...}),
 * so the stream is found from what the leases do carry (docs/kcl.md, "Which stream a lease table reads"): a checkpoint
 * is a Shardline sequence number, which holds the shard's index and creation second; the enhanced fan-out consumer the
 * KCL registers is named after the application; in multi-stream mode the lease key names the stream.
 */
@Service
public class KclApplications {

    private static final int STREAM_PAGE = 100;
    private static final int CONSUMER_PAGE = 20;

    private final KclLeases leases;
    private final StreamService streams;
    private final ConsumerService consumers;
    private final StreamTopics topics;

    KclApplications(KclLeases leases, StreamService streams, ConsumerService consumers, StreamTopics topics) {
        this.leases = leases;
        this.streams = streams;
        this.consumers = consumers;
        this.topics = topics;
    }

    /** An application's leases on one stream; {@code stream} is null for leases whose stream was not found. */
    public record Application(
            String name, String stream, String resolvedBy, Instant leaseTableCreatedAt, List<ShardLease> shards) {

        public Set<String> workers() {
            return shards.stream()
                    .map(ShardLease::leaseOwner)
                    .filter(Objects::nonNull)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * One shard's lease. {@code recordsBehind}: records in the shard after the checkpoint (0 at SHARD_END; null while
     * the checkpoint is still a starting position, TRIM_HORIZON, LATEST or AT_TIMESTAMP, or the shard is unknown).
     */
    public record ShardLease(
            String shardId,
            String leaseKey,
            String leaseOwner,
            Long leaseCounter,
            String checkpoint,
            Long checkpointSubSequenceNumber,
            Instant checkpointedRecordArrivedAt,
            Long recordsBehind,
            Long ownerSwitchesSinceCheckpoint) {}

    /** Every KCL application of the account, one entry per lease table and stream. */
    public List<Application> all(String accountId, String region) {
        Streams account = new Streams(accountId, region);
        List<Application> applications = new ArrayList<>();
        for (KclLeaseTable table : leases.tables(accountId, region)) {
            applications.addAll(resolve(table, account));
        }
        return applications;
    }

    /** The KCL applications that read {@code stream}. */
    public List<Application> of(StreamView stream) {
        Streams account = new Streams(stream.ref().accountId(), stream.ref().region());
        List<Application> applications = new ArrayList<>();
        for (KclLeaseTable table :
                leases.tables(stream.ref().accountId(), stream.ref().region())) {
            resolve(table, account).stream()
                    .filter(application -> stream.ref().name().equals(application.stream()))
                    .forEach(applications::add);
        }
        return applications;
    }

    private List<Application> resolve(KclLeaseTable table, Streams account) {
        Map<String, List<KclLease>> multiStream = new LinkedHashMap<>();
        List<KclLease> singleStream = new ArrayList<>();
        for (KclLease lease : table.leases()) {
            if (lease.streamName() != null) {
                multiStream
                        .computeIfAbsent(lease.streamName(), k -> new ArrayList<>())
                        .add(lease);
            } else {
                singleStream.add(lease);
            }
        }
        List<Application> resolved = new ArrayList<>();
        List<KclLease> unresolved = new ArrayList<>();
        multiStream.forEach((identifier, group) -> {
            Optional<StreamView> stream = account.byIdentifier(identifier);
            if (stream.isPresent()) {
                resolved.add(application(table, stream.get(), "multi-stream lease keys", group, account));
            } else {
                unresolved.addAll(group);
            }
        });
        if (!singleStream.isEmpty()) {
            Resolution resolution = resolveSingleStream(table.name(), singleStream, account);
            if (resolution.stream() != null) {
                resolved.add(application(table, resolution.stream(), resolution.by(), singleStream, account));
            } else {
                unresolved.addAll(singleStream);
            }
        }
        if (!unresolved.isEmpty() || table.leases().isEmpty()) {
            resolved.add(new Application(
                    table.name(),
                    null,
                    null,
                    table.createdAt(),
                    unresolved.stream()
                            .map(lease -> shardLease(lease, null, Map.of()))
                            .toList()));
        }
        return resolved;
    }

    private record Resolution(StreamView stream, String by) {}

    /**
     * The stream of a single-stream lease table: the one stream of the account that has, for every lease with a
     * checkpoint, a shard of that id, index and creation second; where that leaves more than one (streams created in
     * the same second), or no lease has a checkpoint yet, the stream with an enhanced fan-out consumer named after the
     * application.
     */
    private Resolution resolveSingleStream(String application, List<KclLease> singleStream, Streams account) {
        List<StreamView> candidates = null;
        for (KclLease lease : singleStream) {
            Optional<SequenceNumber> checkpoint = SequenceNumber.parse(lease.checkpoint());
            if (checkpoint.isEmpty()) {
                continue;
            }
            SequenceNumber at = checkpoint.get();
            Predicate<StreamView> holds = stream -> stream.shard(at.shardIndex())
                    .filter(shard -> shard.shardId().equals(lease.leaseKey())
                            && shard.createdAt().getEpochSecond() == at.shardCreationSeconds())
                    .isPresent();
            candidates = (candidates == null ? account.all() : candidates)
                    .stream().filter(holds).toList();
        }
        if (candidates != null && candidates.size() == 1) {
            return new Resolution(candidates.get(0), "checkpoint sequence numbers");
        }
        if (candidates != null && candidates.isEmpty()) {
            return new Resolution(null, null);
        }
        List<StreamView> withConsumer = (candidates == null ? account.all() : candidates)
                .stream()
                        .filter(stream -> account.hasConsumer(stream, application))
                        .toList();
        if (withConsumer.size() == 1) {
            return new Resolution(
                    withConsumer.get(0),
                    candidates == null
                            ? "enhanced fan-out consumer named after the application"
                            : "checkpoint sequence numbers and the enhanced fan-out consumer");
        }
        return new Resolution(null, null);
    }

    private Application application(
            KclLeaseTable table, StreamView stream, String by, List<KclLease> group, Streams account) {
        Map<Integer, Long> ends = account.ends(stream);
        List<ShardLease> shards = group.stream()
                .map(lease -> shardLease(lease, stream, ends))
                .sorted(java.util.Comparator.comparing(ShardLease::shardId))
                .toList();
        return new Application(table.name(), stream.ref().name(), by, table.createdAt(), shards);
    }

    private static ShardLease shardLease(KclLease lease, StreamView stream, Map<Integer, Long> ends) {
        String shardId = lease.shardId() != null ? lease.shardId() : lease.leaseKey();
        Optional<ShardView> shard = stream == null
                ? Optional.empty()
                : stream.shards().stream()
                        .filter(s -> s.shardId().equals(shardId))
                        .findFirst();
        Optional<SequenceNumber> checkpoint = SequenceNumber.parse(lease.checkpoint());
        Long behind = null;
        if ("SHARD_END".equals(lease.checkpoint())) {
            behind = 0L;
        } else if (shard.isPresent()
                && checkpoint.isPresent()
                && checkpoint.get().shardIndex() == shard.get().index()) {
            Long end = ends.get(shard.get().index());
            if (end != null) {
                behind = Math.max(0, end - checkpoint.get().offset() - 1);
            }
        }
        return new ShardLease(
                shardId,
                lease.leaseKey(),
                lease.leaseOwner(),
                lease.leaseCounter(),
                lease.checkpoint(),
                lease.checkpointSubSequenceNumber(),
                checkpoint.map(at -> Instant.ofEpochSecond(at.arrivalSeconds())).orElse(null),
                behind,
                lease.ownerSwitchesSinceCheckpoint());
    }

    /** The account's streams, their consumers and shard ends, each read once per request and only when needed. */
    private final class Streams {

        private final String accountId;
        private final String region;
        private List<StreamView> all;
        private final Map<String, Boolean> consumerChecks = new HashMap<>();
        private final Map<String, Map<Integer, Long>> ends = new HashMap<>();

        Streams(String accountId, String region) {
            this.accountId = accountId;
            this.region = region;
        }

        List<StreamView> all() {
            if (all == null) {
                all = new ArrayList<>();
                String after = null;
                StreamService.StreamPage page;
                do {
                    page = streams.list(accountId, region, after, STREAM_PAGE);
                    all.addAll(page.streams());
                    if (!page.streams().isEmpty()) {
                        after = page.streams()
                                .get(page.streams().size() - 1)
                                .ref()
                                .name();
                    }
                } while (page.hasMore());
            }
            return all;
        }

        /** A multi-stream identifier, {@code account:name:creationEpochSeconds}, of a stream of this account. */
        Optional<StreamView> byIdentifier(String identifier) {
            String[] parts = identifier.split(":");
            if (parts.length != 3 || !parts[0].equals(accountId)) {
                return Optional.empty();
            }
            return all().stream()
                    .filter(stream -> stream.ref().name().equals(parts[1])
                            && Long.toString(stream.createdAt().getEpochSecond())
                                    .equals(parts[2]))
                    .findFirst();
        }

        boolean hasConsumer(StreamView stream, String name) {
            return consumerChecks.computeIfAbsent(
                    stream.ref().name() + "/" + name,
                    k -> consumers
                            .list(new StreamRef(accountId, region, stream.ref().name()), null, null, CONSUMER_PAGE)
                            .consumers()
                            .stream()
                            .anyMatch(consumer -> consumer.name().equals(name)));
        }

        /** The next offset of each shard: the closed shards' ends as recorded, the open shards' from Kafka. */
        Map<Integer, Long> ends(StreamView stream) {
            return ends.computeIfAbsent(stream.ref().name(), name -> {
                Map<Integer, Long> byShard = new HashMap<>();
                List<Integer> open = new ArrayList<>();
                for (ShardView shard : stream.shards()) {
                    if (shard.endingOffset() != null) {
                        byShard.put(shard.index(), shard.endingOffset());
                    } else {
                        open.add(shard.index());
                    }
                }
                // a stream still being created may have no topic yet
                if (!open.isEmpty() && stream.acceptsData()) {
                    byShard.putAll(topics.endOffsets(stream.topic(), open));
                }
                return byShard;
            });
        }
    }
}
