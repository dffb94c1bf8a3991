package dev.shardline.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The engine as a Spring bean: its properties bound, and no Flink cluster started before the first job. */
class FlinkEngineWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
            .withUserConfiguration(FlinkEngineConfiguration.class, EmbeddedFlinkEngine.class, RemoteFlinkEngine.class)
            .withPropertyValues(
                    "shardline.analytics.flink.task-slots=2",
                    "shardline.analytics.flink.max-parallelism=2",
                    "shardline.analytics.flink.restart-delay=500ms");

    @Test
    void theEngineStartsWithTheRuntimeButItsClusterOnlyWithTheFirstJob() {
        context.run(running -> {
            assertThat(running).hasNotFailed();
            FlinkEngineProperties properties = running.getBean(FlinkEngineProperties.class);
            assertThat(properties.taskSlots()).isEqualTo(2);
            assertThat(properties.maxParallelism()).isEqualTo(2);
            assertThat(properties.managedMemory().toMegabytes()).isEqualTo(256);
            assertThat(properties.workDirectory())
                    .isEqualTo(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "shardline-flink"));
            EmbeddedFlinkEngine engine = running.getBean(EmbeddedFlinkEngine.class);
            assertThat(engine.clusterStartTime()).isEmpty();
            assertThat(running).doesNotHaveBean(RemoteFlinkEngine.class);
            assertThat(properties.remote()).isNull();
        });
    }

    @Test
    void aRestUrlChoosesTheRemoteEngineInsteadOfTheEmbeddedOne() {
        context.withPropertyValues("shardline.analytics.flink.remote.rest-url=http://flink-jobmanager:8081")
                .run(running -> {
                    assertThat(running).hasNotFailed();
                    assertThat(running).hasSingleBean(FlinkEngine.class);
                    assertThat(running).hasSingleBean(RemoteFlinkEngine.class);
                    assertThat(running).doesNotHaveBean(EmbeddedFlinkEngine.class);
                    FlinkEngineProperties.Remote remote =
                            running.getBean(FlinkEngineProperties.class).remote();
                    assertThat(remote.restUrl()).hasToString("http://flink-jobmanager:8081");
                    assertThat(remote.timeout()).hasSeconds(60);
                });
    }
}
