package dev.shardline.analytics;

import dev.shardline.analytics.connector.TestStreams;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * The analytics service as its control-plane tests run it: the library's beans under a plain Boot application, with
 * the engine replaced by {@link RecordingFlinkEngine}, the boundary's test double. The library's component scan finds
 * this class in every context of the module's tests: the remote engine's test (profile {@code remote-flink}) runs
 * without it.
 */
@Profile("!remote-flink")
@SpringBootApplication(scanBasePackages = "dev.shardline.analytics.testonly")
@Import(AnalyticsServiceConfiguration.class)
public class TestAnalyticsApplication {

    public static final RecordingFlinkEngine ENGINE = new RecordingFlinkEngine();

    @Bean
    @Primary
    RecordingFlinkEngine recordingFlinkEngine() {
        return ENGINE;
    }

    /** Shardline streams on the test's embedded broker, for tests that read or write them (the SQL preview's). */
    @Bean
    TestStreams testStreams(@Value("${spring.embedded.kafka.brokers}") String brokers) {
        return new TestStreams(brokers);
    }
}
