package dev.shardline.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsException;
import org.junit.jupiter.api.Test;

/** AWS's defaults of a Flink application's configuration, and how an update's code merges onto the current code. */
class ApplicationConfigTest {

    @Test
    void defaultCheckpointingIsAwsEvenWhenOtherValuesAreGiven() {
        assertThat(ApplicationConfig.Checkpointing.of("DEFAULT", false, 1L, 1L))
                .isEqualTo(new ApplicationConfig.Checkpointing("DEFAULT", true, 60_000, 5_000));
    }

    @Test
    void customCheckpointingTakesAwsValuesForWhatIsLeftOut() {
        assertThat(ApplicationConfig.Checkpointing.of("CUSTOM", null, 10_000L, null))
                .isEqualTo(new ApplicationConfig.Checkpointing("CUSTOM", true, 10_000, 5_000));
    }

    @Test
    void defaultParallelismIsOneWithAutoScaling() {
        assertThat(ApplicationConfig.Parallelism.of("DEFAULT", 8, 4, false))
                .isEqualTo(new ApplicationConfig.Parallelism("DEFAULT", 1, 1, true));
        assertThat(ApplicationConfig.Parallelism.of("CUSTOM", 8, null, false))
                .isEqualTo(new ApplicationConfig.Parallelism("CUSTOM", 8, 1, false));
    }

    @Test
    void anS3CodeUpdateMergesMemberByMemberOntoTheCurrentLocation() {
        ApplicationConfig.Code current = new ApplicationConfig.Code(
                "ZIPFILE", null, null, "md5", 1, new ApplicationConfig.S3Location("arn:aws:s3:::b", "a.jar", "v1"));
        CodeInput merged = ApplicationVersions.merge(
                current, new CodeInput(null, null, null, new ApplicationConfig.S3Location(null, "b.jar", null)));
        assertThat(merged.contentType()).isEqualTo("ZIPFILE");
        assertThat(merged.s3()).isEqualTo(new ApplicationConfig.S3Location("arn:aws:s3:::b", "b.jar", "v1"));
    }

    @Test
    void aContentTypeChangeNeedsNewContent() {
        ApplicationConfig.Code sql = new ApplicationConfig.Code("PLAINTEXT", "INSERT ...", null, null, 10, null);
        assertThatThrownBy(() -> ApplicationVersions.merge(sql, new CodeInput("ZIPFILE", null, null, null)))
                .isInstanceOf(AwsException.class)
                .hasMessageContaining("CodeContentUpdate is required");
    }

    @Test
    void theLifecycleIsAwsOne() {
        assertThat(Application.LIFECYCLE.allows(ApplicationStatus.READY, ApplicationStatus.STARTING))
                .isTrue();
        assertThat(Application.LIFECYCLE.allows(ApplicationStatus.STARTING, ApplicationStatus.RUNNING))
                .isTrue();
        assertThat(Application.LIFECYCLE.allows(ApplicationStatus.RUNNING, ApplicationStatus.STOPPING))
                .isTrue();
        assertThat(Application.LIFECYCLE.allows(ApplicationStatus.STOPPING, ApplicationStatus.READY))
                .isTrue();
        assertThat(Application.LIFECYCLE.allows(ApplicationStatus.READY, ApplicationStatus.RUNNING))
                .isFalse();
        assertThat(Application.LIFECYCLE.allows(ApplicationStatus.STARTING, ApplicationStatus.DELETING))
                .isFalse();
        assertThat(Application.LIFECYCLE.sourcesOf(ApplicationStatus.FORCE_STOPPING))
                .containsExactlyInAnyOrder(
                        ApplicationStatus.STARTING,
                        ApplicationStatus.RUNNING,
                        ApplicationStatus.UPDATING,
                        ApplicationStatus.STOPPING);
    }
}
