package dev.shardline.analytics;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the analytics service ({@code shardline.analytics.*}).
 *
 * @param applicationLimit applications per account and region (AWS's default quota is 50)
 * @param stateTransitionDelay how long an application stays in a transitional status (DELETING, ...) that needs no
 *     Flink work before it moves on
 * @param checkpointDirectory the base directory of the applications' checkpoints: each application checkpoints into
 *     {@code {checkpoint-directory}/{application id}} (given to Flink as a {@code file:} URI); unset means
 *     {@code ${shardline.data-dir}/analytics/checkpoints}
 * @param codeDirectory where JAR code (ZipFileContent, S3 objects) is written for the engine to load; PostgreSQL keeps
 *     the durable copy, so this is a cache; unset means {@code ${shardline.data-dir}/analytics/code}
 * @param reconcileInterval how often the status of STARTING, UPDATING and RUNNING applications is asked of the engine
 * @param engineTimeout how long a snapshot, stop or cancel may take in the engine before its operation FAILED
 * @param s3 the object store that {@code S3ContentLocation} code is read from
 */
@Validated
@ConfigurationProperties("shardline.analytics")
public record AnalyticsProperties(
        @DefaultValue("50") @Min(1) int applicationLimit,
        @DefaultValue("100ms") Duration stateTransitionDelay,
        String checkpointDirectory,
        String codeDirectory,
        @DefaultValue("1s") Duration reconcileInterval,
        @DefaultValue("10m") Duration engineTimeout,
        @DefaultValue @Valid S3 s3) {

    /**
     * The S3 client that reads application code ({@code S3ContentLocation}) at CreateApplication and UpdateApplication.
     *
     * @param endpoint an S3-compatible endpoint (the embedded one, MinIO); unset means AWS S3 itself
     * @param region the signing region
     * @param accessKeyId static credentials; unset means the AWS SDK's default credentials chain
     * @param secretAccessKey the secret of {@code accessKeyId}
     * @param pathStyleAccess {@code http://host/bucket/key} instead of virtual-hosted buckets, as most S3-compatible
     *     stores need
     */
    public record S3(
            URI endpoint,
            @DefaultValue("us-east-1") String region,
            String accessKeyId,
            String secretAccessKey,
            @DefaultValue("true") boolean pathStyleAccess) {}
}
