package dev.shardline.firehose.source;

import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.source.web.SourceShapes.AuthenticationConfiguration;
import dev.shardline.firehose.source.web.SourceShapes.KinesisStreamSourceConfiguration;
import dev.shardline.firehose.source.web.SourceShapes.KinesisStreamSourceDescription;
import dev.shardline.firehose.source.web.SourceShapes.MSKSourceConfiguration;
import dev.shardline.firehose.source.web.SourceShapes.MSKSourceDescription;
import dev.shardline.firehose.source.web.SourceShapes.SourceDescription;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The source of a delivery stream on the wire: DeliveryStreamType and its source configuration, described back. */
public final class SourceConfigurations {

    static final String KINESIS = "KinesisStreamAsSource";
    static final String MSK = "MSKAsSource";
    private static final String KINESIS_MEMBER = "kinesisStreamSourceConfiguration";
    private static final String MSK_MEMBER = "mSKSourceConfiguration";
    /** The API model's patterns. */
    private static final Pattern KINESIS_STREAM_ARN =
            Pattern.compile("arn:.*:kinesis:([a-zA-Z0-9\\-]+):(\\d{12}):stream/([a-zA-Z0-9_.-]+)");

    private static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern MSK_CLUSTER_ARN = Pattern.compile("arn:.*");
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9\\._\\-]+");
    private static final List<String> CONNECTIVITY = List.of("PUBLIC", "PRIVATE");

    private SourceConfigurations() {}

    /** Checks the source members (violations join the request's ValidationException) and their fit to the type. */
    public static void validate(Validation v, KinesisStreamSourceConfiguration kinesis, MSKSourceConfiguration msk) {
        if (kinesis != null) {
            String arn = KINESIS_MEMBER + ".kinesisStreamARN";
            if (v.required(arn, kinesis.kinesisStreamARN())) {
                v.length(arn, kinesis.kinesisStreamARN(), 1, 512)
                        .pattern(arn, kinesis.kinesisStreamARN(), KINESIS_STREAM_ARN);
            }
            role(v, KINESIS_MEMBER + ".roleARN", kinesis.roleARN());
        }
        if (msk != null) {
            String arn = MSK_MEMBER + ".mSKClusterARN";
            if (v.required(arn, msk.mskClusterARN())) {
                v.length(arn, msk.mskClusterARN(), 1, 512).pattern(arn, msk.mskClusterARN(), MSK_CLUSTER_ARN);
            }
            String topic = MSK_MEMBER + ".topicName";
            if (v.required(topic, msk.topicName())) {
                v.length(topic, msk.topicName(), 1, 255).pattern(topic, msk.topicName(), TOPIC_NAME);
            }
            String auth = MSK_MEMBER + ".authenticationConfiguration";
            if (v.required(auth, msk.authenticationConfiguration())) {
                role(v, auth + ".roleARN", msk.authenticationConfiguration().roleARN());
                if (v.required(
                        auth + ".connectivity",
                        msk.authenticationConfiguration().connectivity())) {
                    v.oneOf(
                            auth + ".connectivity",
                            msk.authenticationConfiguration().connectivity(),
                            CONNECTIVITY);
                }
            }
        }
    }

    /**
     * The validated source of the request's DeliveryStreamType. A Kinesis stream is looked up in {@code catalog}, the
     * streams service's catalogue topic as this service reads it; null only in a runtime built without it.
     */
    public static Source source(
            String deliveryStreamType,
            KinesisStreamSourceConfiguration kinesisConfiguration,
            MSKSourceConfiguration mskConfiguration,
            StreamCatalog catalog) {
        String type = deliveryStreamType == null ? "DirectPut" : deliveryStreamType;
        if (!KINESIS.equals(type) && kinesisConfiguration != null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "KinesisStreamSourceConfiguration is only allowed when DeliveryStreamType is KinesisStreamAsSource.");
        }
        if (!MSK.equals(type) && mskConfiguration != null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "MSKSourceConfiguration is only allowed when DeliveryStreamType is MSKAsSource.");
        }
        if (KINESIS.equals(type)) {
            return kinesis(kinesisConfiguration, catalog);
        }
        if (MSK.equals(type)) {
            MSKSourceConfiguration msk = mskConfiguration;
            if (msk == null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception(
                        "MSKSourceConfiguration is required when DeliveryStreamType is MSKAsSource.");
            }
            return new Source.MskSource(
                    msk.mskClusterARN(),
                    msk.topicName(),
                    msk.authenticationConfiguration().roleARN(),
                    msk.authenticationConfiguration().connectivity(),
                    msk.readFromTimestamp(),
                    null);
        }
        if (!"DirectPut".equals(type)) {
            throw DeliveryStreamErrors.notSupported("DeliveryStreamType " + type);
        }
        return new Source.DirectPut();
    }

    private static Source kinesis(KinesisStreamSourceConfiguration config, StreamCatalog catalog) {
        if (config == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.");
        }
        if (catalog == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("KinesisStreamAsSource needs the stream catalogue of the "
                    + "Kinesis Data Streams service; this Firehose service runs without it.");
        }
        Matcher arn = KINESIS_STREAM_ARN.matcher(config.kinesisStreamARN());
        if (!arn.matches()) {
            throw new IllegalStateException("validated before: " + config.kinesisStreamARN());
        }
        StreamCatalog.CatalogStream stream = catalog.find(config.kinesisStreamARN())
                .orElseThrow(() -> AwsErrorType.INVALID_ARGUMENT.exception(
                        "Stream " + arn.group(3) + " under account " + arn.group(2) + " not found."));
        if (!stream.readable()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Stream " + arn.group(3) + " under account " + arn.group(2)
                    + " is not ACTIVE; it is " + stream.status() + ".");
        }
        return new Source.KinesisStreamSource(config.kinesisStreamARN(), config.roleARN(), stream.topic(), null);
    }

    /** DescribeDeliveryStream's Source member; null for DirectPut, which AWS describes without one. */
    public static SourceDescription describe(Source source) {
        if (source instanceof Source.KinesisStreamSource kinesis) {
            return new SourceDescription(
                    new KinesisStreamSourceDescription(
                            kinesis.kinesisStreamArn(), kinesis.roleArn(), kinesis.deliveryStartTimestamp()),
                    null);
        }
        if (source instanceof Source.MskSource msk) {
            return new SourceDescription(
                    null,
                    new MSKSourceDescription(
                            msk.mskClusterArn(),
                            msk.topicName(),
                            new AuthenticationConfiguration(msk.roleArn(), msk.connectivity()),
                            msk.deliveryStartTimestamp(),
                            msk.readFromTimestamp()));
        }
        return null;
    }

    private static void role(Validation v, String member, String roleArn) {
        if (v.required(member, roleArn)) {
            v.length(member, roleArn, 1, 512).pattern(member, roleArn, ROLE_ARN);
        }
    }
}
