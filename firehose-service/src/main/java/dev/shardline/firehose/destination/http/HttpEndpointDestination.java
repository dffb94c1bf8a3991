package dev.shardline.firehose.destination.http;

import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.destination.s3.S3Target;
import dev.shardline.platform.seal.Masked;
import java.util.List;
import java.util.Map;

/**
 * Where and how a delivery stream POSTs its records to an HTTP endpoint (HttpEndpointDestinationConfiguration),
 * already validated.
 *
 * @param url the endpoint; AWS requires https, Shardline also accepts http for endpoints on a private network
 * @param name the endpoint's display name, or null
 * @param accessKey sent verbatim as {@code X-Amz-Firehose-Access-Key} when set
 * @param buffering flush a batch at this size or age; also the most data one request carries
 * @param gzip the request body is GZIP-compressed ({@code ContentEncoding GZIP})
 * @param commonAttributes sent as {@code X-Amz-Firehose-Common-Attributes}, in the order given
 * @param processing the records' transformation before delivery
 * @param roleArn accepted and kept, not used: Shardline does not assume roles
 * @param retryDurationSeconds how long failed requests are retried after the first failure before the records go to
 *     the S3 backup as {@code http-endpoint-failed}
 * @param s3BackupMode {@code FailedDataOnly} or {@code AllData} (every source record is also written to {@code s3})
 * @param s3 the backup bucket
 * @param cloudWatchLoggingOptions accepted and described back, not used
 */
public record HttpEndpointDestination(
        String url,
        String name,
        String accessKey,
        BufferingHints buffering,
        boolean gzip,
        List<CommonAttribute> commonAttributes,
        Processing processing,
        String roleArn,
        int retryDurationSeconds,
        String s3BackupMode,
        S3Target s3,
        Map<String, Object> cloudWatchLoggingOptions)
        implements Destination {

    /** AWS's HTTP endpoint defaults: 5 MiB or 300 seconds; retries for 300 seconds. */
    public static final BufferingHints DEFAULT_BUFFERING = new BufferingHints(5, 300);

    public static final int DEFAULT_RETRY_DURATION_SECONDS = 300;
    public static final String FAILED_DATA_ONLY = "FailedDataOnly";
    public static final String ALL_DATA = "AllData";

    public HttpEndpointDestination {
        buffering = buffering == null ? DEFAULT_BUFFERING : buffering;
        commonAttributes = commonAttributes == null ? List.of() : List.copyOf(commonAttributes);
        processing = processing == null ? Processing.NONE : processing;
        s3BackupMode = s3BackupMode == null ? FAILED_DATA_ONLY : s3BackupMode;
    }

    /** Keeps the access key out of every log line that prints a destination. */
    @Override
    public String toString() {
        return "HttpEndpointDestination[url=" + url + ", name=" + name + ", accessKey=" + Masked.mask(accessKey)
                + ", buffering=" + buffering + ", gzip=" + gzip + ", commonAttributes=" + commonAttributes
                + ", processing=" + processing + ", retryDurationSeconds=" + retryDurationSeconds + ", s3BackupMode="
                + s3BackupMode + ", s3=" + s3 + "]";
    }

    public boolean backsUpAllData() {
        return ALL_DATA.equals(s3BackupMode);
    }

    /** One HttpEndpointCommonAttribute. */
    public record CommonAttribute(String name, String value) {}
}
