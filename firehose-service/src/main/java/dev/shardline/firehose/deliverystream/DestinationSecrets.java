package dev.shardline.firehose.deliverystream;

import dev.shardline.keys.SecretSeal;
import dev.shardline.platform.seal.AesGcm;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The members of a destination's JSON that hold a secret (the HTTP endpoint's access key, the warehouse password): in
 * the row each is sealed under the master key as {@code {"sealed": "v1:<master key id>:<base64>"}}, and opened again
 * when the row is read. A plain string there is a secret written by an older version; it still reads, and is sealed
 * at start ({@link PlainSecretSealing}).
 */
final class DestinationSecrets {

    private static final Logger log = LoggerFactory.getLogger(DestinationSecrets.class);

    /** Top-level members of the destination types that hold a secret; a new secret member is added here. */
    static final List<String> MEMBERS = List.of("accessKey", "password");

    private static final String SEALED = "sealed";

    private final SecretSeal seal;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    DestinationSecrets(SecretSeal seal) {
        this.seal = seal;
    }

    /** Replaces each plain secret member by its sealed form; true if there was one. */
    boolean seal(ObjectNode destination) {
        boolean sealed = false;
        for (String member : MEMBERS) {
            JsonNode value = destination.get(member);
            if (value != null && value.isString()) {
                destination.putObject(member).put(SEALED, seal.sealText(value.stringValue(), purpose(member)));
                sealed = true;
            }
        }
        return sealed;
    }

    /**
     * Replaces each sealed member by its secret. One that the configured master key cannot open reads as absent, and
     * is reported once: the stream stays readable and its deliveries fail for want of the secret, not the whole API.
     */
    void open(ObjectNode destination) {
        for (String member : MEMBERS) {
            JsonNode value = destination.get(member);
            if (value != null && value.isObject() && value.path(SEALED).isString()) {
                String sealed = value.get(SEALED).stringValue();
                try {
                    destination.put(member, seal.openText(sealed, purpose(member)));
                } catch (SecretSeal.WrongMasterKeyException | AesGcm.TamperedException | IllegalArgumentException e) {
                    destination.putNull(member);
                    if (reported.add(member + " " + e.getMessage())) {
                        log.error(
                                "A delivery stream's {} cannot be opened and reads as absent: {}",
                                member,
                                e.getMessage());
                    }
                }
            }
        }
    }

    /** True if a member holds a secret in plain text. */
    static boolean hasPlain(JsonNode destination) {
        return MEMBERS.stream().anyMatch(m -> destination.path(m).isString());
    }

    private static String purpose(String member) {
        return "firehose.destination." + member;
    }
}
