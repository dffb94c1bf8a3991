package dev.shardline.firehose;

import dev.shardline.platform.seal.Masked;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the Firehose service ({@code shardline.firehose.*}).
 *
 * @param stateTransitionDelay how long a delivery stream stays CREATING or DELETING before it turns ACTIVE or goes away
 * @param deliveryStreamLimit delivery streams per account and region (AWS's default quota is 5,000)
 * @param topicPrefix Kafka topic name prefix of each delivery stream's buffer; its immutable id follows it
 * @param topicPartitions partitions of each buffer topic: the number of instances that can deliver one stream at once
 * @param topicReplicationFactor replication factor of each buffer topic
 * @param workerReconcileInterval how often each instance starts delivery workers for streams it has not seen yet
 *     (created on another instance) and stops those of deleted streams
 * @param retryBackoff how long a delivery that failed (the object store was unreachable) waits before it is retried
 * @param s3 the S3 endpoint that S3 destinations write to
 * @param kafkaClusters the Kafka clusters that MSKAsSource delivery streams name by MSKClusterARN; an ARN not listed
 *     means the runtime's own Kafka ({@code spring.kafka.bootstrap-servers})
 * @param lambda how the Lambda processors reach their transformation functions
 * @param http how HTTP endpoint destinations are called
 * @param outbound which hosts HTTP endpoints, Lambda function URLs and warehouses may be on
 */
@Validated
@ConfigurationProperties("shardline.firehose")
public record FirehoseProperties(
        @DefaultValue("100ms") Duration stateTransitionDelay,
        @DefaultValue("5000") @Min(1) int deliveryStreamLimit,
        @DefaultValue("shardline.firehose.") String topicPrefix,
        @DefaultValue("1") @Min(1) int topicPartitions,
        @DefaultValue("1") @Min(1) short topicReplicationFactor,
        @DefaultValue("5s") Duration workerReconcileInterval,
        @DefaultValue("2s") Duration retryBackoff,
        @DefaultValue @Valid S3 s3,
        List<@Valid KafkaCluster> kafkaClusters,
        @DefaultValue @Valid Lambda lambda,
        @DefaultValue @Valid Http http,
        @DefaultValue Outbound outbound) {

    public FirehoseProperties {
        kafkaClusters = kafkaClusters == null ? List.of() : List.copyOf(kafkaClusters);
    }

    /** The bootstrap servers of the cluster that {@code mskClusterArn} names; empty for the runtime's own Kafka. */
    public Optional<String> bootstrapServersOf(String mskClusterArn) {
        return kafkaClusters.stream()
                .filter(c -> c.arn().equals(mskClusterArn))
                .map(KafkaCluster::bootstrapServers)
                .findFirst();
    }

    /**
     * A Kafka cluster that an MSKClusterARN stands for.
     *
     * @param arn the MSKClusterARN as CreateDeliveryStream names it
     * @param bootstrapServers its {@code host:port[,host:port]} bootstrap servers
     */
    public record KafkaCluster(
            @NotBlank String arn, @NotBlank String bootstrapServers) {}

    /**
     * The S3 client of the destinations.
     *
     * @param endpoint an S3-compatible endpoint (the embedded one, MinIO); unset means AWS S3 itself
     * @param region the signing region
     * @param accessKeyId static credentials; unset means the AWS SDK's default credentials chain
     * @param secretAccessKey the secret of {@code accessKeyId}
     * @param pathStyleAccess {@code http://host/bucket/key} instead of virtual-hosted buckets, as most S3-compatible
     *     stores need
     * @param createBuckets create a destination bucket that does not exist yet instead of retrying until someone does
     */
    public record S3(
            URI endpoint,
            @DefaultValue("us-east-1") String region,
            String accessKeyId,
            String secretAccessKey,
            @DefaultValue("true") boolean pathStyleAccess,
            @DefaultValue("false") boolean createBuckets) {

        /** Keeps the secret out of every log line that prints the configuration. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", accessKeyId=" + accessKeyId
                    + ", secretAccessKey=" + Masked.mask(secretAccessKey) + ", pathStyleAccess=" + pathStyleAccess
                    + ", createBuckets=" + createBuckets + "]";
        }
    }

    /**
     * Transformation functions, reached over HTTP: a Lambda processor's LambdaArn is looked up in {@code functions};
     * a LambdaArn that is itself an http(s) URL is called as it is.
     *
     * @param functions function URL by LambdaArn; in a properties file the ARN goes in brackets, as its colons would
     *     otherwise be dropped: {@code shardline.firehose.lambda.functions[arn:aws:lambda:...:function:f]=http://...}
     * @param connectTimeout how long connecting to a function may take
     * @param invocationTimeout how long one invocation may take before it counts as failed (Lambda's limit is 15 min)
     * @param retryBackoff the wait before the first retry of a failed invocation; it doubles with each retry, up to 30 s
     */
    public record Lambda(
            Map<String, URI> functions,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("60s") Duration invocationTimeout,
            @DefaultValue("1s") Duration retryBackoff) {

        public Lambda {
            functions = functions == null ? Map.of() : Map.copyOf(functions);
        }
    }

    /**
     * The HTTP client of the HTTP endpoint destinations.
     *
     * @param connectTimeout how long a connection to an endpoint may take
     * @param requestTimeout how long an endpoint has to answer a request (AWS gives it 3 minutes)
     * @param retryBackoff the wait after a request's first failure; it doubles after each further failure
     * @param maxRetryBackoff the longest wait between two attempts of a request
     * @param maxBlocking how long one delivery of a batch keeps retrying on the delivery worker's thread before it
     *     hands the batch back to the worker (plus at most one request timeout): bounds how long the worker's other
     *     partitions and a stop wait
     */
    public record Http(
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("3m") Duration requestTimeout,
            @DefaultValue("1s") Duration retryBackoff,
            @DefaultValue("30s") Duration maxRetryBackoff,
            @DefaultValue("1m") Duration maxBlocking) {}

    /**
     * The hosts Firehose may call out to: HTTP endpoints, Lambda function URLs and warehouse JDBC hosts. Link-local
     * and cloud metadata addresses (169.254.0.0/16, fd00:ec2::254, fe80::/10, metadata.google.internal) are refused
     * whatever this says.
     *
     * @param allowedHosts {@code *} (any host), {@code *.example.com}, {@code collector.example.com}, an address or an
     *     address range ({@code 10.0.0.0/8}); none means no outbound host at all (S3 destinations still work). The
     *     all-in-one runtime sets {@code *}
     */
    public record Outbound(List<String> allowedHosts) {

        public Outbound {
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        }
    }
}
