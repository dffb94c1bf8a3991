package dev.shardline.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.analytics.RecordingFlinkEngine;
import dev.shardline.analytics.engine.FlinkEngine;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.analytics.engine.JobSpec;
import dev.shardline.analytics.engine.JobStatus;
import dev.shardline.platform.error.AwsException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** The engine as the control plane reaches it: the runtime's bean when there is one, a refusing stand-in when not. */
class RuntimeEngineTest {

    private static final JobSpec SPEC = new JobSpec(
            "app",
            "000000000000",
            "us-east-1",
            new JobSpec.Sql("INSERT INTO a SELECT 1;"),
            Map.of(),
            1,
            new JobSpec.Checkpointing(true, Duration.ofMinutes(1), Duration.ofSeconds(5)),
            "file:/tmp/checkpoints/app",
            Optional.empty(),
            false);

    @Test
    void withoutAnEngineCodePassesAndAStartIsRefusedWithAClearMessage() {
        FlinkEngine engine = RuntimeEngine.of(new DefaultListableBeanFactory().getBeanProvider(FlinkEngine.class));
        engine.validate(SPEC);
        assertThatThrownBy(() -> engine.submit(SPEC))
                .isInstanceOf(AwsException.class)
                .hasMessage(RuntimeEngine.MISSING);
        assertThat(engine.status(new JobId("x")).state()).isEqualTo(JobStatus.State.FAILED);
        assertThat(engine.snapshot(new JobId("x"))).isCompletedExceptionally();
        assertThat(engine.latestCheckpoint("file:/tmp")).isEmpty();
    }

    @Test
    void theRuntimesEngineIsCalledWhenThereIsOne() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        RecordingFlinkEngine recording = new RecordingFlinkEngine();
        beans.registerSingleton("engine", recording);
        FlinkEngine engine = RuntimeEngine.of(beans.getBeanProvider(FlinkEngine.class));
        JobId job = engine.submit(SPEC);
        assertThat(recording.submitted("app")).hasSize(1);
        assertThat(engine.status(job).state()).isEqualTo(JobStatus.State.RUNNING);
    }
}
