package dev.shardline.firehose.source.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Request and response shapes of the Firehose actions, with AWS's member names. */
public final class SourceShapes {

    private SourceShapes() {}

    public record KinesisStreamSourceConfiguration(String kinesisStreamARN, String roleARN) {}

    public record AuthenticationConfiguration(String roleARN, String connectivity) {}

    public record MSKSourceConfiguration(
            @JsonProperty("MSKClusterARN") String mskClusterARN,
            String topicName,
            AuthenticationConfiguration authenticationConfiguration,
            Instant readFromTimestamp) {}

    /** DescribeDeliveryStream's Source: one member per source type, absent for DirectPut. */
    public record SourceDescription(
            KinesisStreamSourceDescription kinesisStreamSourceDescription,
            @JsonProperty("MSKSourceDescription") MSKSourceDescription mskSourceDescription) {}

    public record KinesisStreamSourceDescription(
            String kinesisStreamARN, String roleARN, Instant deliveryStartTimestamp) {}

    public record MSKSourceDescription(
            @JsonProperty("MSKClusterARN") String mskClusterARN,
            String topicName,
            AuthenticationConfiguration authenticationConfiguration,
            Instant deliveryStartTimestamp,
            Instant readFromTimestamp) {}
}
