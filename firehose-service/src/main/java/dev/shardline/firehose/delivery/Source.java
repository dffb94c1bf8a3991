package dev.shardline.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Where a delivery stream's records come from. DirectPut records are buffered in the delivery stream's own topic;
 * the other sources are read where they already are.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Source.DirectPut.class, name = "DirectPut"),
    @JsonSubTypes.Type(value = Source.KinesisStreamSource.class, name = "KinesisStreamAsSource"),
    @JsonSubTypes.Type(value = Source.MskSource.class, name = "MSKAsSource")
})
public sealed interface Source {

    /** The DeliveryStreamType AWS reports for this source. */
    String deliveryStreamType();

    /** The same source, noting that delivery starts at {@code now} (DeliveryStartTimestamp). */
    default Source startingAt(Instant now) {
        return this;
    }

    /** PutRecord and PutRecordBatch write into the delivery stream's buffer topic. */
    record DirectPut() implements Source {
        @Override
        public String deliveryStreamType() {
            return "DirectPut";
        }
    }

    /**
     * A Kinesis stream of this runtime, read from its own topic in the delivery stream's consumer group, from the
     * stream's end when the delivery stream turned ACTIVE.
     *
     * @param topic the stream's Kafka topic when the delivery stream was created (named from the stream's id)
     * @param deliveryStartTimestamp when reading started; null while CREATING
     */
    record KinesisStreamSource(String kinesisStreamArn, String roleArn, String topic, Instant deliveryStartTimestamp)
            implements Source {
        @Override
        public String deliveryStreamType() {
            return "KinesisStreamAsSource";
        }

        @Override
        public Source startingAt(Instant now) {
            return deliveryStartTimestamp != null
                    ? this
                    : new KinesisStreamSource(kinesisStreamArn, roleArn, topic, now);
        }
    }

    /**
     * A Kafka topic (Amazon MSK's API), on the cluster that {@code shardline.firehose.kafka-clusters} maps the ARN to
     * or on the runtime's own Kafka.
     *
     * @param readFromTimestamp where reading starts; null means when the delivery stream turned ACTIVE
     * @param deliveryStartTimestamp when reading started; null while CREATING
     */
    record MskSource(
            String mskClusterArn,
            String topicName,
            String roleArn,
            String connectivity,
            Instant readFromTimestamp,
            Instant deliveryStartTimestamp)
            implements Source {
        @Override
        public String deliveryStreamType() {
            return "MSKAsSource";
        }

        @Override
        public Source startingAt(Instant now) {
            return deliveryStartTimestamp != null
                    ? this
                    : new MskSource(
                            mskClusterArn,
                            topicName,
                            roleArn,
                            connectivity,
                            readFromTimestamp,
                            readFromTimestamp != null ? readFromTimestamp : now);
        }
    }
}
