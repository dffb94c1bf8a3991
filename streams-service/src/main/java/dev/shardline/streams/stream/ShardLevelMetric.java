package dev.shardline.streams.stream;

import java.util.Arrays;
import java.util.Optional;

/** The shard-level metrics that EnableEnhancedMonitoring turns on, with AWS's names, in AWS's documented order. */
public enum ShardLevelMetric {
    INCOMING_BYTES("IncomingBytes"),
    INCOMING_RECORDS("IncomingRecords"),
    OUTGOING_BYTES("OutgoingBytes"),
    OUTGOING_RECORDS("OutgoingRecords"),
    WRITE_PROVISIONED_THROUGHPUT_EXCEEDED("WriteProvisionedThroughputExceeded"),
    READ_PROVISIONED_THROUGHPUT_EXCEEDED("ReadProvisionedThroughputExceeded"),
    ITERATOR_AGE_MILLISECONDS("IteratorAgeMilliseconds");

    private final String awsName;

    ShardLevelMetric(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }

    public static Optional<ShardLevelMetric> fromAwsName(String name) {
        return Arrays.stream(values()).filter(m -> m.awsName.equals(name)).findFirst();
    }
}
