package dev.shardline.streams.tag;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.consumer.ConsumerArn;
import dev.shardline.streams.stream.StreamErrors;
import dev.shardline.streams.stream.StreamRef;

/** What tags and a resource policy attach to: a stream, or one of its enhanced fan-out consumers. */
public sealed interface TaggedResource permits TaggedResource.StreamResource, TaggedResource.ConsumerResource {

    static TaggedResource stream(StreamRef ref) {
        return new StreamResource(ref);
    }

    static TaggedResource consumer(ConsumerArn arn) {
        return new ConsumerResource(arn);
    }

    /** {@code stream} or {@code consumer}, as AWS's messages call it. */
    String kind();

    /** The resource as AWS's tag messages name it: "stream s under account 123456789012". */
    String described();

    /** The ResourceNotFoundException for this resource, worded as AWS words it. */
    AwsException notFound();

    record StreamResource(StreamRef ref) implements TaggedResource {

        @Override
        public String kind() {
            return "stream";
        }

        @Override
        public String described() {
            return "stream " + ref.name() + " under account " + ref.accountId();
        }

        @Override
        public AwsException notFound() {
            return StreamErrors.notFound(ref);
        }
    }

    record ConsumerResource(ConsumerArn arn) implements TaggedResource {

        @Override
        public String kind() {
            return "consumer";
        }

        @Override
        public String described() {
            return "consumer " + arn.consumerName() + " under stream "
                    + arn.stream().name() + " under account " + arn.stream().accountId();
        }

        @Override
        public AwsException notFound() {
            return notFound(arn.toString(), arn.stream().accountId());
        }

        /** The tag and policy actions word a missing consumer with its account, unlike DescribeStreamConsumer. */
        public static AwsException notFound(String arn, String accountId) {
            return AwsErrorType.RESOURCE_NOT_FOUND.exception(
                    "Consumer " + arn + " under account " + accountId + " not found.");
        }
    }
}
