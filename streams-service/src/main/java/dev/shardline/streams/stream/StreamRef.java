package dev.shardline.streams.stream;

/** A stream as the caller names it: account, region and name, the parts of its ARN. */
public record StreamRef(String accountId, String region, String name) {

    public String arn() {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + name;
    }
}
