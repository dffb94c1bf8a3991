package dev.shardline.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * boto3, a second real client, through every control-plane action once ({@code src/test/python/analytics_boto3.py});
 * skipped where python3 with boto3 is not installed.
 */
class AnalyticsBoto3Test extends AnalyticsIntegrationTest {

    @Test
    void boto3RunsAnApplicationThroughEveryControlPlaneAction() throws Exception {
        Assumptions.assumeTrue(succeeds("python3", "-c", "import boto3"), "python3 with boto3 is not installed");
        Process process = new ProcessBuilder(
                        "python3",
                        Path.of("src", "test", "python", "analytics_boto3.py").toString(),
                        endpoint().toString(),
                        uniqueName("boto3"))
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("ok");
    }

    private static boolean succeeds(String... command) {
        try {
            return new ProcessBuilder(command).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
