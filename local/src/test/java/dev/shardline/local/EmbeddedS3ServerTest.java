package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3ServerTest {

    private static final String OBJECT = "clicks-1-2026-11-26-00-27-38-a0837896-8a65-390a-941d-d8cb392a7610";
    private static final String RANDOM = "-5f0c2b7e-1d4a-4c3b-9e8f-7a6b5c4d3e2f";

    @TempDir
    Path dir;

    @Test
    void removesOnlyThePartialCopiesOfFirehoseObjectsThatAKillInterrupted() throws Exception {
        Path hour = Files.createDirectories(dir.resolve("lake/2026/11/26/00"));
        Path object = Files.writeString(hour.resolve(OBJECT), "whole");
        Path gzipObject = Files.writeString(hour.resolve(OBJECT + ".gz"), "whole");
        Path partial = Files.writeString(hour.resolve(OBJECT + RANDOM), "part");
        Path gzipPartial = Files.writeString(hour.resolve(OBJECT + ".gz" + RANDOM), "part");
        Path someoneElses = Files.writeString(hour.resolve("report" + RANDOM), "theirs");

        EmbeddedS3Server.removeInterruptedFirehoseWrites(dir);

        assertThat(object).exists();
        assertThat(gzipObject).exists();
        assertThat(someoneElses).exists();
        assertThat(partial).doesNotExist();
        assertThat(gzipPartial).doesNotExist();
    }
}
