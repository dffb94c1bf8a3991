package dev.shardline.keys;

import dev.shardline.platform.seal.Masked;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the key service ({@code shardline.kms.*}).
 *
 * @param provider {@code local}: keys in PostgreSQL, sealed under {@code masterKey}; {@code aws}: AWS KMS through the
 *     AWS SDK (credentials from the SDK's default chain)
 * @param masterKey base64 of the 256-bit key that seals the local keys' material in PostgreSQL. Without one, a random
 *     key is made for the process and a warning logged: keys created then cannot be used after a restart. The
 *     all-in-one runtime keeps one under its data directory instead
 * @param dataKeyReusePeriod how long a stream encrypts with one data key before it asks for a new one, and how long an
 *     unwrapped data key is kept for reads (AWS Kinesis reuses data keys for about 5 minutes too); a disabled key takes
 *     effect within this time
 * @param dataKeyMaxRecords how many records one data key encrypts at most before a new one is used
 * @param dataKeyCacheSize how many data keys (for writing and for reading) are kept in memory
 * @param aws the AWS KMS client, when {@code provider} is {@code aws}
 */
@Validated
@ConfigurationProperties("shardline.kms")
public record KmsProperties(
        @DefaultValue("local") Provider provider,
        String masterKey,
        @DefaultValue("5m") Duration dataKeyReusePeriod,
        @DefaultValue("1000000") @Min(1) long dataKeyMaxRecords,
        @DefaultValue("10000") @Min(1) int dataKeyCacheSize,
        @DefaultValue Aws aws) {

    /** Keeps the master key out of every log line that prints the configuration. */
    @Override
    public String toString() {
        return "KmsProperties[provider=" + provider + ", masterKey=" + Masked.mask(masterKey)
                + ", dataKeyReusePeriod=" + dataKeyReusePeriod + ", dataKeyMaxRecords=" + dataKeyMaxRecords
                + ", dataKeyCacheSize=" + dataKeyCacheSize + ", aws=" + aws + "]";
    }

    public enum Provider {
        LOCAL,
        AWS
    }

    /**
     * @param region the AWS region of the keys; the SDK's default region chain when empty
     * @param endpoint an endpoint override, for a KMS-compatible service; AWS's endpoint when empty
     */
    public record Aws(String region, URI endpoint) {}
}
