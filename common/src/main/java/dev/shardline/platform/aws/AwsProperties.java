package dev.shardline.platform.aws;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The AWS identity Shardline answers as.
 *
 * @param accountId the account used when the access key id does not name one (a 12-digit access key id does)
 * @param region the region used when the request's credential scope does not name one
 * @param maxRequestSize the largest request body accepted on the AWS endpoint; larger ones get HTTP 413
 */
@Validated
@ConfigurationProperties("shardline.aws")
public record AwsProperties(
        @DefaultValue("000000000000") @Pattern(regexp = "\\d{12}")
        String accountId,

        @DefaultValue("us-east-1") String region,
        // A 10 MiB record (the largest UpdateMaxRecordSize allows) is about 13.4 MiB once base64-encoded in JSON.
        @DefaultValue("16MB") DataSize maxRequestSize) {}
