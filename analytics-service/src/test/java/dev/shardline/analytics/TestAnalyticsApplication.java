package dev.shardline.analytics;

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
}
