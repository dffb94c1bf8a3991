package dev.shardline.firehose.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWS's "Custom Prefixes for Amazon S3 Objects": how expressions evaluate and which prefixes are refused. */
class FirehosePrefixTemplateTest {

    private static final Instant ARRIVAL = Instant.parse("2026-11-25T22:04:05.678Z");

    @Test
    void timestampExpressionsEvaluateInTheCustomTimeZoneAndQuotedTextIsLiteral() {
        PrefixTemplate prefix =
                PrefixTemplate.parse("Prefix", "logs/dt=!{timestamp:yyyy'-'MM'-'dd}/h=!{timestamp:HH}/");
        assertThat(evaluate(prefix, ZoneOffset.UTC, null, Map.of())).isEqualTo("logs/dt=2026-11-25/h=22/");
        // 22:04 UTC is 07:04 the next day in Tokyo
        assertThat(evaluate(prefix, ZoneId.of("Asia/Tokyo"), null, Map.of())).isEqualTo("logs/dt=2026-11-26/h=07/");
    }

    @Test
    void aPrefixWithoutTimestampGetsTheHourPrefixAppendedAndOneWithATimestampDoesNot() {
        assertThat(evaluate(PrefixTemplate.parse("Prefix", "raw/").withDefaultHour(), ZoneOffset.UTC, null, Map.of()))
                .isEqualTo("raw/2026/11/25/22/");
        assertThat(evaluate(PrefixTemplate.parse("Prefix", "").withDefaultHour(), ZoneOffset.UTC, null, Map.of()))
                .isEqualTo("2026/11/25/22/");
        assertThat(evaluate(
                        PrefixTemplate.parse("Prefix", "y=!{timestamp:yyyy}/").withDefaultHour(),
                        ZoneOffset.UTC,
                        null,
                        Map.of()))
                .isEqualTo("y=2026/");
    }

    @Test
    void errorOutputTypePartitionKeysAndRandomStringsAreFilledIn() {
        PrefixTemplate error = PrefixTemplate.parse("ErrorOutputPrefix", "err/!{firehose:error-output-type}/");
        assertThat(evaluate(error, ZoneOffset.UTC, "processing-failed", Map.of()))
                .isEqualTo("err/processing-failed/");
        PrefixTemplate keys = PrefixTemplate.parse(
                "Prefix",
                "c=!{partitionKeyFromQuery:customer}/d=!{partitionKeyFromLambda:device}/!{firehose:random-string}/");
        assertThat(keys.partitionKeys()).containsExactly("customer", "device");
        assertThat(keys.evaluate(
                        ARRIVAL, ZoneOffset.UTC, null, Map.of("customer", "42", "device", "phone"), n -> "r" + n))
                .isEqualTo("c=42/d=phone/r0/");
        assertThat(PrefixTemplate.defaultErrorOutput("logs/")
                        .evaluate(ARRIVAL, ZoneOffset.UTC, "processing-failed", Map.of(), n -> "x"))
                .isEqualTo("logs/processing-failed/2026/11/25/22/");
    }

    @Test
    void unknownNamespacesBadPatternsAndUnclosedExpressionsAreInvalidArguments() {
        assertThatThrownBy(() -> PrefixTemplate.parse("Prefix", "!{nope:x}/"))
                .isInstanceOf(AwsException.class)
                .hasMessageContaining("unknown namespace 'nope'");
        assertThatThrownBy(() -> PrefixTemplate.parse("Prefix", "!{timestamp:yyyy-bb}/"))
                .isInstanceOf(AwsException.class)
                .hasMessageContaining("is not a valid Java DateTimeFormatter pattern");
        assertThatThrownBy(() -> PrefixTemplate.parse("Prefix", "!{firehose:uuid}"))
                .isInstanceOf(AwsException.class)
                .hasMessageContaining("error-output-type and random-string");
        assertThatThrownBy(() -> PrefixTemplate.parse("Prefix", "logs/!{timestamp:yyyy"))
                .isInstanceOf(AwsException.class)
                .hasMessageContaining("can only appear in !{namespace:value} expressions");
    }

    @Test
    void awsPrefixRulesAreEnforcedWithItsWording() {
        assertThatThrownBy(() -> S3Constraints.prefixes("y=!{timestamp:yyyy}/", null, false))
                .hasMessage("Ths supplied prefix(es) do not satisfy the following constraint: "
                        + "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
        assertThatThrownBy(() -> S3Constraints.prefixes(
                        "!{firehose:error-output-type}/", "e/!{firehose:error-output-type}", false))
                .hasMessageContaining("Prefix cannot contain !{firehose:error-output-type}");
        assertThatThrownBy(() -> S3Constraints.prefixes("a/", "e/!{timestamp:yyyy}/", false))
                .hasMessageContaining("ErrorOutputPrefix must contain !{firehose:error-output-type}");
        assertThatThrownBy(() -> S3Constraints.prefixes(
                        "!{partitionKeyFromQuery:id}/", "e/!{firehose:error-output-type}/", false))
                .hasMessageContaining("can only be used when dynamic partitioning is enabled");
        assertThatThrownBy(() -> S3Constraints.prefixes("!{timestamp:yyyy}/", "e/!{firehose:error-output-type}/", true))
                .hasMessageContaining("Dynamic partitioning is enabled, but the Prefix has no partitionKeyFromQuery");
        // What AWS accepts
        S3Constraints.prefixes("plain/", null, false);
        S3Constraints.prefixes(
                "!{partitionKeyFromQuery:id}/", "e/!{firehose:error-output-type}/!{timestamp:yyyy}/", true);
    }

    @Test
    void customTimeZoneMustBeAnIanaZone() {
        assertThat(S3Constraints.customTimeZone("Asia/Tokyo")).isEqualTo("Asia/Tokyo");
        assertThat(S3Constraints.customTimeZone("")).isNull();
        assertThatThrownBy(() -> S3Constraints.customTimeZone("Mars/Olympus"))
                .isInstanceOf(AwsException.class)
                .hasMessageContaining("CustomTimeZone Mars/Olympus is not a supported time zone");
    }

    private static String evaluate(PrefixTemplate prefix, ZoneId zone, String type, Map<String, String> keys) {
        return prefix.evaluate(ARRIVAL, zone, type, keys, n -> "random" + n);
    }
}
