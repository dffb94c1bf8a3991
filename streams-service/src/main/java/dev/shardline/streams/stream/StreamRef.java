package dev.shardline.streams.stream;

import dev.shardline.kinesis.StreamArn;

/** A stream as the caller names it: account, region and name, the parts of its ARN. */
public record StreamRef(String accountId, String region, String name) {

    public static StreamRef of(StreamArn arn) {
        return new StreamRef(arn.accountId(), arn.region(), arn.streamName());
    }

    public String arn() {
        return new StreamArn(region, accountId, name).toString();
    }
}
