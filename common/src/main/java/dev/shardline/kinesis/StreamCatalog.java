package dev.shardline.kinesis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a reader of a Kinesis stream's topic needs to know about the stream, without reading the streams service's
 * tables: its Kafka topic, whether it serves records, and which shard each partition is. The streams service
 * implements it; a service that runs without the streams service in its runtime has no bean of it.
 */
public interface StreamCatalog {

    /** The stream that {@code streamArn} names ({@code arn:aws:kinesis:{region}:{account}:stream/{name}}), if any. */
    Optional<CatalogStream> find(String streamArn);

    /**
     * A stream as readers see it.
     *
     * @param topic its Kafka topic, named from the stream's immutable id
     * @param status AWS's stream status (CREATING, ACTIVE, UPDATING, DELETING)
     * @param shards every shard in the shard map, closed ones too; a shard is the partition with its index
     * @param keyId the KMS key id that records put now are encrypted under ({@code EncryptionType: KMS}), null when
     *     they are stored plain: what a writer other than the streams service (an analytics sink) needs
     */
    record CatalogStream(String arn, String topic, String status, List<CatalogShard> shards, String keyId) {

        /** A stream whose records are stored plain. */
        public CatalogStream(String arn, String topic, String status, List<CatalogShard> shards) {
            this(arn, topic, status, shards, null);
        }

        /** The open shards: a writer routes each record by its hash key to exactly one of them. */
        public List<CatalogShard> openShards() {
            return shards.stream().filter(CatalogShard::open).toList();
        }

        /** Records can be read while the stream is ACTIVE or UPDATING, as in AWS. */
        public boolean readable() {
            return "ACTIVE".equals(status) || "UPDATING".equals(status);
        }

        public Optional<CatalogShard> shardOf(int partition) {
            return shards.stream().filter(s -> s.partition() == partition).findFirst();
        }
    }

    /**
     * A shard, the Kafka partition that holds its records, and its lineage: a reader reads a child only after its
     * parents.
     *
     * @param parentPartitions the partitions of the shards it was made from: none for a stream's first shards, one
     *     for a split's child (AWS's ParentShardId), two for a merge's (ParentShardId, AdjacentParentShardId)
     * @param endingOffset for a closed shard whose end is fixed, the offset after its last record; null while it is
     *     open, and while it is closed but writes routed by the old shard map may still land
     * @param hashKeyRange the hash keys it owns (a writer routes by them while it is open); null where the catalog
     *     does not say
     * @param open whether records are routed to it now (not closed by a split or merge)
     */
    record CatalogShard(
            String shardId,
            int partition,
            Instant createdAt,
            List<Integer> parentPartitions,
            Long endingOffset,
            HashKeyRange hashKeyRange,
            boolean open) {

        public CatalogShard {
            parentPartitions = List.copyOf(parentPartitions);
        }

        /** A shard as a reader sees it: open unless its end is fixed, its hash key range unknown. */
        public CatalogShard(
                String shardId, int partition, Instant createdAt, List<Integer> parentPartitions, Long endingOffset) {
            this(shardId, partition, createdAt, parentPartitions, endingOffset, null, endingOffset == null);
        }

        /** An open shard of the stream's first shard map: no parents, no end. */
        public CatalogShard(String shardId, int partition, Instant createdAt) {
            this(shardId, partition, createdAt, List.of(), null);
        }

        /** The sequence number that GetRecords reports for the record at {@code offset}. */
        public SequenceNumber sequenceNumber(long offset, Instant arrival) {
            return new SequenceNumber(createdAt.getEpochSecond(), partition, offset, arrival.getEpochSecond());
        }
    }
}
