package dev.shardline.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.seal.AesGcm;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretSealTest {

    private final byte[] key = AesGcm.newKey();
    private final SecretSeal seal = SecretSeal.of(key);

    @Test
    void aSealedSecretOpensForItsPurposeOnly() {
        String sealed = seal.sealText("hunter2", "firehose.destination.password");

        assertThat(sealed).startsWith("v1:" + seal.masterKeyId() + ":").doesNotContain("hunter2");
        assertThat(seal.openText(sealed, "firehose.destination.password")).isEqualTo("hunter2");
        assertThat(seal.sealText("hunter2", "p"))
                .as("a fresh nonce each time")
                .isNotEqualTo(seal.sealText("hunter2", "p"));
        assertThatThrownBy(() -> seal.openText(sealed, "firehose.destination.accessKey"))
                .isInstanceOf(AesGcm.TamperedException.class);
    }

    @Test
    void anotherMasterKeyIsToldApartFromTampering() {
        String sealed = SecretSeal.of(AesGcm.newKey()).sealText("hunter2", "p");

        assertThatThrownBy(() -> seal.openText(sealed, "p"))
                .isInstanceOf(SecretSeal.WrongMasterKeyException.class)
                .hasMessageContaining("configure the master key that sealed it")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theMasterKeyIsMaskedWhereverItIsPrinted() {
        String base64 = java.util.Base64.getEncoder().encodeToString(key);
        KmsProperties properties = new KmsProperties(
                KmsProperties.Provider.LOCAL,
                base64,
                Duration.ofMinutes(5),
                1,
                1,
                new KmsProperties.Aws("us-east-1", URI.create("http://kms")));

        assertThat(properties.toString()).doesNotContain(base64).contains("masterKey=****");
        assertThat(MasterKey.of(key).toString()).doesNotContain(base64);
        assertThat(seal.toString()).doesNotContain(base64);
    }

    @Test
    void withoutAConfiguredMasterKeyEveryContextOfTheProcessSharesOne() {
        assertThat(MasterKey.fromConfiguration(null).id())
                .isEqualTo(MasterKey.fromConfiguration("").id());
    }
}
