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
     */
    record CatalogStream(String arn, String topic, String status, List<CatalogShard> shards) {

        /** Records can be read while the stream is ACTIVE or UPDATING, as in AWS. */
        public boolean readable() {
            return "ACTIVE".equals(status) || "UPDATING".equals(status);
        }

        public Optional<CatalogShard> shardOf(int partition) {
            return shards.stream().filter(s -> s.partition() == partition).findFirst();
        }
    }

    /** A shard and the Kafka partition that holds its records. */
    record CatalogShard(String shardId, int partition, Instant createdAt) {

        /** The sequence number that GetRecords reports for the record at {@code offset}. */
        public SequenceNumber sequenceNumber(long offset, Instant arrival) {
            return new SequenceNumber(createdAt.getEpochSecond(), partition, offset, arrival.getEpochSecond());
        }
    }
}
