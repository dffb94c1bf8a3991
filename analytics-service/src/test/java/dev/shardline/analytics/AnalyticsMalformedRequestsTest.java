package dev.shardline.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.platform.testing.AwsAnswerTable;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed kinesisanalyticsv2 requests, answered as AWS's request layer answers them, whatever the action: each row
 * of {@code conformance/analytics.json} is sent as a raw body in JSON and in CBOR, against a real application where
 * it names one.
 */
class AnalyticsMalformedRequestsTest extends AnalyticsIntegrationTest {

    private static final AwsAnswerTable TABLE =
            AwsAnswerTable.load("/conformance/analytics.json", "KinesisAnalytics_20180523");

    @TestFactory
    Stream<DynamicTest> everyRowInJson() {
        return TABLE.tests(endpoint(), false, Map.of("APP", application()));
    }

    @TestFactory
    Stream<DynamicTest> everyRowInCbor() {
        return TABLE.tests(endpoint(), true, Map.of("APP", application()));
    }

    @Test
    void theTableHasRowsAndNoneIsSkipped() {
        assertThat(TABLE.size()).isGreaterThanOrEqualTo(15);
        assertThat(TABLE.skipped()).isZero();
    }

    private String application() {
        String name = uniqueName("malformed");
        sqlApplication(analytics(), name, false);
        return name;
    }
}
