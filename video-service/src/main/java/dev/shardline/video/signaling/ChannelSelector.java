package dev.shardline.video.signaling;

import dev.shardline.platform.error.AwsErrorType;

/** How a call names its channel: by ChannelName or ChannelARN, in the caller's account and region. */
public record ChannelSelector(String accountId, String region, String name, SignalingChannelArn arn) {

    /**
     * The channel named by {@code channelName} or {@code channelArn}; at least one must be given. An ARN of another
     * account or region names no channel here.
     */
    public static ChannelSelector of(String accountId, String region, String channelName, String channelArn) {
        if (channelName == null && channelArn == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Either ChannelName or ChannelARN must be specified");
        }
        SignalingChannelArn arn = channelArn == null ? null : SignalingChannelArn.parse(channelArn);
        if (arn != null && channelName != null && !arn.name().equals(channelName)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("ChannelName and ChannelARN name different channels");
        }
        if (arn != null && (!arn.accountId().equals(accountId) || !arn.region().equals(region))) {
            throw SignalingChannelErrors.notFound();
        }
        return new ChannelSelector(accountId, region, arn != null ? arn.name() : channelName, arn);
    }

    /** The channel an ARN names, in the ARN's own account and region (the WebSocket takes the ARN alone). */
    public static ChannelSelector of(SignalingChannelArn arn) {
        return new ChannelSelector(arn.accountId(), arn.region(), arn.name(), arn);
    }

    public static ChannelSelector byName(String accountId, String region, String channelName) {
        return new ChannelSelector(accountId, region, channelName, null);
    }
}
