package dev.shardline.analytics.application;

import java.util.regex.Pattern;

/** An application as AWS names it: by name within an account and region. */
public record ApplicationRef(String accountId, String region, String name) {

    private static final String ARN_PREFIX = "arn:aws:kinesisanalytics:";
    /** ApplicationName's pattern and length in the service model. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    public String arn() {
        return ARN_PREFIX + region + ":" + accountId + ":application/" + name;
    }

    /**
     * The application an ARN names (TagResource's ResourceARN), or ResourceNotFoundException as AWS answers an ARN
     * that names no application of this account and region.
     */
    public static ApplicationRef fromArn(String arn, String accountId, String region) {
        String prefix = ARN_PREFIX + region + ":" + accountId + ":application/";
        // a name no application can have (a NUL byte, which PostgreSQL cannot even compare) names none
        if (arn == null
                || !arn.startsWith(prefix)
                || !NAME.matcher(arn.substring(prefix.length())).matches()) {
            throw ApplicationErrors.arnNotFound(arn);
        }
        return new ApplicationRef(accountId, region, arn.substring(prefix.length()));
    }
}
