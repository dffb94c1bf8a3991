package dev.shardline.streams.tag.web;

import dev.shardline.kinesis.StreamArn;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.consumer.ConsumerArn;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.tag.TaggedResource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ResourceARN member of the tag and policy actions: a stream's ARN or an enhanced fan-out consumer's. */
final class ResourceArns {

    private static final Pattern CONSUMER_ARN = Pattern.compile(
            "arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/([a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):([0-9]+)");

    private ResourceArns() {}

    /** The stream or consumer a ResourceARN names; the model has checked its pattern. */
    static TaggedResource resource(String arn) {
        Matcher consumer = CONSUMER_ARN.matcher(arn);
        if (consumer.matches()) {
            // Beyond ConsumerArn's limits (a name over 128 characters, say) the ARN can name no consumer.
            return ConsumerArn.parse(arn)
                    .map(TaggedResource::consumer)
                    .orElseThrow(() -> TaggedResource.ConsumerResource.notFound(arn, consumer.group(2)));
        }
        StreamArn stream = StreamArn.tryParse(arn)
                .orElseThrow(() -> AwsErrorType.INVALID_ARGUMENT.exception("Invalid ResourceARN " + arn + "."));
        return TaggedResource.stream(StreamRef.of(stream));
    }
}
