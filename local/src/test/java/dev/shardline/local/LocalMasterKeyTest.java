package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMasterKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartMakesA256BitKeyThatOnlyItsOwnerCanReadAndLaterStartsReuseIt() throws Exception {
        Path file = dataDir.resolve("kms/master-key");

        String first = LocalMasterKey.loadOrCreate(file);

        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(LocalMasterKey.loadOrCreate(file)).isEqualTo(first);
        assertThat(LocalMasterKey.loadOrCreate(dataDir.resolve("other/master-key")))
                .isNotEqualTo(first);
    }
}
