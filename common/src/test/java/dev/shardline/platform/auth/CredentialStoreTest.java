package dev.shardline.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.auth.SecurityProperties.Credential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    @TempDir
    Path dir;

    @Test
    void theFileAndThePropertiesTogetherGiveTheKeys() throws Exception {
        Path file = Files.writeString(
                dir.resolve("credentials"),
                "# id secret account\n\n  AKIDA  secret/a+1   111122223333\nAKIDB s-b 444455556666\n");

        CredentialStore store = CredentialStore.of(new SecurityProperties(
                SecurityMode.ENFORCE, List.of(new Credential("AKIDC", "s-c", "777788889999")), file));

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.find("AKIDA")).contains(new Credential("AKIDA", "secret/a+1", "111122223333"));
        assertThat(store.find("AKIDC").map(Credential::accountId)).contains("777788889999");
        assertThat(store.find("AKIDX")).isEmpty();
    }

    @Test
    void aMalformedLineStopsTheStartByItsNumberWithoutEchoingTheSecret() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), "AKIDA top-secret-value 12345\n");

        assertThatThrownBy(() -> CredentialStore.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1")
                .hasMessageNotContaining("top-secret-value");
    }

    @Test
    void oneKeyIdWithTwoSecretsIsRefused() {
        assertThatThrownBy(() -> new CredentialStore(List.of(
                        new Credential("AKIDA", "one", "111122223333"),
                        new Credential("AKIDA", "two", "111122223333"))))
                .hasMessageContaining("AKIDA")
                .hasMessageNotContaining("one")
                .hasMessageNotContaining("two");
    }
}
