package dev.shardline.streams;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the Kinesis Data Streams service ({@code shardline.streams.*}).
 *
 * @param stateTransitionDelay how long a stream stays CREATING or DELETING before it turns ACTIVE or goes away
 * @param shardLimit open shards per account and region (AWS's default quota is 500)
 * @param onDemandStreamLimit ON_DEMAND streams per account and region
 * @param iteratorTtl how long a shard iterator stays valid (AWS: 5 minutes)
 * @param getRecordsMaxWait how long an empty GetRecords waits for new data before answering (a long poll that keeps
 *     put-to-get latency low without busy polling)
 * @param maxFetchers Kafka consumers kept open for GetRecords across all shards
 * @param fetcherIdleTimeout a fetcher unused this long is closed
 * @param metadataCacheTtl how long the data plane trusts its cached copy of a stream's shard map
 * @param topicReplicationFactor replication factor of each stream's Kafka topic
 * @param topicPrefix Kafka topic name prefix; the stream's immutable id follows it
 * @param onDemand how ON_DEMAND streams scale their shards
 * @param enforceThroughputLimits whether shards throttle as AWS's do (1 MiB/s and 1,000 records/s of writes, 2 MiB/s
 *     and 5 GetRecords calls/s of reads per shard, in both capacity modes) and ON_DEMAND streams as a whole are held to
 *     their write quota ({@code onDemand.maxWriteBytesPerSecond}, {@code onDemand.maxWriteRecordsPerSecond}); off for
 *     tests that only need the API
 */
@Validated
@ConfigurationProperties("shardline.streams")
public record StreamsProperties(
        @DefaultValue("100ms") Duration stateTransitionDelay,
        @DefaultValue("500") @Min(1) int shardLimit,
        @DefaultValue("50") @Min(0) int onDemandStreamLimit,
        @DefaultValue("5m") Duration iteratorTtl,
        @DefaultValue("100ms") Duration getRecordsMaxWait,
        @DefaultValue("256") @Min(1) int maxFetchers,
        @DefaultValue("60s") Duration fetcherIdleTimeout,
        @DefaultValue("1s") Duration metadataCacheTtl,
        @DefaultValue("1") @Min(1) short topicReplicationFactor,
        @DefaultValue("shardline.stream.") String topicPrefix,
        @DefaultValue("true") boolean enforceThroughputLimits,
        @DefaultValue @Valid OnDemand onDemand) {

    /**
     * Shard management of ON_DEMAND streams: every {@code evaluationInterval} the write rate of each open shard is
     * measured, in records from its partition's end offset and in bytes from what this instance wrote to it; a shard
     * above {@code splitAboveRecordsPerSecond} or {@code splitAboveBytesPerSecond} for {@code hotEvaluations}
     * evaluations in a row is split, and two adjacent shards both below {@code mergeBelowRecordsPerSecond} and
     * {@code mergeBelowBytesPerSecond} for {@code coldEvaluations} in a row are merged (the gap between the two
     * thresholds and the longer cold run keep it from flapping), within {@code minShards} and {@code maxShards}.
     */
    public record OnDemand(
            @DefaultValue("2s") Duration evaluationInterval,
            @DefaultValue("500") @Min(1) long splitAboveRecordsPerSecond,
            @DefaultValue("100") @Min(0) long mergeBelowRecordsPerSecond,
            @DefaultValue("512KB") DataSize splitAboveBytesPerSecond,
            @DefaultValue("100KB") DataSize mergeBelowBytesPerSecond,
            @DefaultValue("2") @Min(1) int hotEvaluations,
            @DefaultValue("15") @Min(1) int coldEvaluations,
            @DefaultValue("4") @Min(1) int minShards,
            @DefaultValue("200") @Min(1) int maxShards,
            @DefaultValue("200MB") DataSize maxWriteBytesPerSecond,
            @DefaultValue("200000") @Min(1) long maxWriteRecordsPerSecond) {}
}
