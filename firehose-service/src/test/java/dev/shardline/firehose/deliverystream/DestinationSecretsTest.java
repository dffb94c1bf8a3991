package dev.shardline.firehose.deliverystream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.keys.SecretSeal;
import dev.shardline.platform.seal.AesGcm;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DestinationSecretsTest {

    private final DestinationSecrets secrets = new DestinationSecrets(SecretSeal.of(AesGcm.newKey()));

    @Test
    void secretMembersAreSealedAndOpenedAndOtherMembersLeftAlone() {
        ObjectNode destination = destination();

        assertThat(secrets.seal(destination)).isTrue();
        assertThat(destination.toString())
                .doesNotContain("the-key", "the-password")
                .contains("https://x.example.com/");
        assertThat(DestinationSecrets.hasPlain(destination)).isFalse();
        assertThat(secrets.seal(destination)).as("nothing left to seal").isFalse();

        secrets.open(destination);
        assertThat(destination).isEqualTo(destination());
    }

    @Test
    void aSecretSealedUnderAnotherMasterKeyReadsAsAbsent() {
        ObjectNode destination = destination();
        new DestinationSecrets(SecretSeal.of(AesGcm.newKey())).seal(destination);

        secrets.open(destination);

        assertThat(destination.get("accessKey").isNull()).isTrue();
        assertThat(destination.get("password").isNull()).isTrue();
        assertThat(destination.get("url").stringValue()).isEqualTo("https://x.example.com/");
    }

    @Test
    void aSealedSecretMovedToAnotherMemberDoesNotOpen() {
        ObjectNode destination = destination();
        secrets.seal(destination);
        destination.set("password", destination.get("accessKey"));

        secrets.open(destination);

        assertThat(destination.get("accessKey").stringValue()).isEqualTo("the-key");
        assertThat(destination.get("password").isNull()).isTrue();
    }

    private static ObjectNode destination() {
        ObjectNode node = DeliveryConfigJson.JSON.createObjectNode();
        node.put("type", "HttpEndpoint");
        node.put("url", "https://x.example.com/");
        node.put("accessKey", "the-key");
        node.put("password", "the-password");
        return node;
    }
}
