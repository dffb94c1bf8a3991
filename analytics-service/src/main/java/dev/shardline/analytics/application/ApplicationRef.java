package dev.shardline.analytics.application;

/** An application as AWS names it: by name within an account and region. */
public record ApplicationRef(String accountId, String region, String name) {

    private static final String ARN_PREFIX = "arn:aws:kinesisanalytics:";

    public String arn() {
        return ARN_PREFIX + region + ":" + accountId + ":application/" + name;
    }

    /**
     * The application an ARN names (TagResource's ResourceARN), or ResourceNotFoundException as AWS answers an ARN
     * that names no application of this account and region.
     */
    public static ApplicationRef fromArn(String arn, String accountId, String region) {
        String prefix = ARN_PREFIX + region + ":" + accountId + ":application/";
        if (arn == null || !arn.startsWith(prefix) || arn.length() == prefix.length()) {
            throw ApplicationErrors.arnNotFound(arn);
        }
        return new ApplicationRef(accountId, region, arn.substring(prefix.length()));
    }
}
