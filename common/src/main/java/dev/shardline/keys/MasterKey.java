package dev.shardline.keys;

import dev.shardline.platform.seal.AesGcm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that seals the local key service's key material in PostgreSQL. Its id, a fingerprint that reveals nothing
 * of the key, is stored beside everything it sealed, so a wrong master key is told apart from tampered data.
 */
final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    /** The key used when none is configured: one per process, so every Spring context of the JVM agrees on it. */
    private static byte[] processKey;

    private final byte[] key;
    private final String id;

    private MasterKey(byte[] key) {
        if (key.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException(
                    "shardline.kms.master-key must be 256 bits (32 bytes, base64), not " + key.length + " bytes");
        }
        this.key = key.clone();
        this.id = fingerprint(key);
    }

    static MasterKey of(byte[] key) {
        return new MasterKey(key);
    }

    /** The configured key (base64), or a random one for this process only, with a warning. */
    static MasterKey fromConfiguration(String base64) {
        if (base64 == null || base64.isBlank()) {
            return new MasterKey(processKey());
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shardline.kms.master-key is not base64", e);
        }
        return new MasterKey(decoded);
    }

    private static synchronized byte[] processKey() {
        if (processKey == null) {
            log.warn("shardline.kms.master-key is not set: using a random master key for this process. KMS keys "
                    + "created now, records encrypted under them and the secrets sealed in PostgreSQL (HTTP endpoint "
                    + "access keys, warehouse passwords) cannot be read after a restart; set "
                    + "shardline.kms.master-key to a base64 256-bit key to keep them.");
            processKey = AesGcm.newKey();
        }
        return processKey;
    }

    String id() {
        return id;
    }

    byte[] seal(byte[] plaintext, byte[] aad) {
        return AesGcm.seal(key, plaintext, aad);
    }

    byte[] open(byte[] sealed, byte[] aad) {
        return AesGcm.open(key, sealed, aad);
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + "]";
    }

    private static String fingerprint(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal("shardline kms master key id".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }
}
