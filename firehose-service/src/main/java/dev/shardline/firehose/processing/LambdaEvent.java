package dev.shardline.firehose.processing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shardline.firehose.pipeline.BufferedRecord;
import java.util.Base64;
import java.util.List;

/** The transformation event a Firehose function receives, member for member. */
record LambdaEvent(String invocationId, String deliveryStreamArn, String region, List<Record> records) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Record(
            String recordId,
            long approximateArrivalTimestamp,
            String data,
            KinesisRecordMetadata kinesisRecordMetadata) {

        static Record of(ProcessingRecord record) {
            BufferedRecord source = record.source();
            BufferedRecord.KinesisMetadata kinesis = source.kinesis();
            return new Record(
                    record.recordId(),
                    source.arrival().toEpochMilli(),
                    Base64.getEncoder().encodeToString(record.data()),
                    kinesis == null
                            ? null
                            : new KinesisRecordMetadata(
                                    kinesis.shardId(),
                                    kinesis.partitionKey(),
                                    kinesis.approximateArrivalTimestamp().toEpochMilli(),
                                    kinesis.sequenceNumber(),
                                    kinesis.subsequenceNumber()));
        }
    }

    /** Only for records of a Kinesis stream source. */
    record KinesisRecordMetadata(
            String shardId,
            String partitionKey,
            long approximateArrivalTimestamp,
            String sequenceNumber,
            long subsequenceNumber) {}
}
