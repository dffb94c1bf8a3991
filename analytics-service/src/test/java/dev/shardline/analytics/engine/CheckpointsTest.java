package dev.shardline.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path dir;

    @Test
    void theNewestCompleteCheckpointOfAnyJobIsFoundAndIncompleteOnesAreSkipped() throws Exception {
        checkpoint("job-a", 7, Instant.parse("2026-12-03T10:00:00Z"));
        checkpoint("job-b", 3, Instant.parse("2026-12-03T11:00:00Z")); // a later run, restored and numbered on
        Files.createDirectories(dir.resolve("job-b/chk-4")); // no _metadata: still being written

        assertThat(Checkpoints.latest(dir.toUri().toString()))
                .hasValue(dir.resolve("job-b/chk-3").toUri().toString());
    }

    @Test
    void aDirectoryWithoutCheckpointsHasNone() {
        assertThat(Checkpoints.latest(dir.resolve("missing").toUri().toString()))
                .isEmpty();
        assertThat(Checkpoints.latest("s3://bucket/checkpoints")).isEmpty();
    }

    private void checkpoint(String job, int number, Instant written) throws Exception {
        Path metadata = Files.createDirectories(dir.resolve(job).resolve("chk-" + number))
                .resolve("_metadata");
        Files.writeString(metadata, "x");
        Files.setLastModifiedTime(metadata, FileTime.from(written));
    }
}
