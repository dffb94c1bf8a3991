package dev.shardline.analytics.connector.firehose;

import java.net.URI;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Builds a {@link FirehoseSink} for DataStream jobs, with the defaults of AWS's Flink Firehose sink: batches of at
 * most 500 records and 4 MiB, 50 requests in flight, 10,000 records buffered, a batch sent at the latest 5 s after its
 * first record.
 */
public final class FirehoseSinkBuilder<T> {

    private String deliveryStream;
    private URI endpoint;
    private String region;
    private String accessKeyId;
    private String secretAccessKey;
    private SerializationSchema<T> serializationSchema;
    private int maxBatchSize = FirehoseLimits.MAX_BATCH_RECORDS;
    private int maxInFlightRequests = 50;
    private int maxBufferedRequests = 10_000;
    private long maxBatchSizeInBytes = FirehoseLimits.MAX_BATCH_BYTES;
    private long maxTimeInBufferMs = 5_000;
    private boolean failOnError;

    FirehoseSinkBuilder() {}

    public FirehoseSinkBuilder<T> deliveryStream(String name) {
        this.deliveryStream = name;
        return this;
    }

    /** The endpoint that serves Firehose, e.g. the Shardline edge {@code http://127.0.0.1:4566}. */
    public FirehoseSinkBuilder<T> endpoint(URI endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    public FirehoseSinkBuilder<T> region(String region) {
        this.region = region;
        return this;
    }

    public FirehoseSinkBuilder<T> credentials(String accessKeyId, String secretAccessKey) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        return this;
    }

    public FirehoseSinkBuilder<T> serializationSchema(SerializationSchema<T> schema) {
        this.serializationSchema = schema;
        return this;
    }

    public FirehoseSinkBuilder<T> maxBatchSize(int records) {
        this.maxBatchSize = records;
        return this;
    }

    public FirehoseSinkBuilder<T> maxInFlightRequests(int requests) {
        this.maxInFlightRequests = requests;
        return this;
    }

    public FirehoseSinkBuilder<T> maxBufferedRequests(int records) {
        this.maxBufferedRequests = records;
        return this;
    }

    public FirehoseSinkBuilder<T> maxBatchSizeInBytes(long bytes) {
        this.maxBatchSizeInBytes = bytes;
        return this;
    }

    public FirehoseSinkBuilder<T> maxTimeInBufferMs(long millis) {
        this.maxTimeInBufferMs = millis;
        return this;
    }

    /** Fail the job at the first record Firehose does not take, instead of sending it again (AWS's option). */
    public FirehoseSinkBuilder<T> failOnError(boolean fail) {
        this.failOnError = fail;
        return this;
    }

    public FirehoseSink<T> build() {
        if (serializationSchema == null) {
            throw new IllegalArgumentException("A firehose sink needs a serialization schema");
        }
        if (deliveryStream == null || endpoint == null) {
            throw new IllegalArgumentException("A firehose sink needs a delivery stream and an endpoint");
        }
        return new FirehoseSink<>(
                serializationSchema,
                new FirehoseSettings(deliveryStream, endpoint, region, accessKeyId, secretAccessKey),
                maxBatchSize,
                maxInFlightRequests,
                maxBufferedRequests,
                maxBatchSizeInBytes,
                maxTimeInBufferMs,
                failOnError);
    }
}
