package dev.shardline.analytics.application;

import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client that reads application code, wrapped so that it is no bean of type {@link S3Client} others see. */
record CodeS3(S3Client client) implements AutoCloseable {

    @Override
    public void close() {
        client.close();
    }
}
