package dev.shardline.keys;

import dev.shardline.platform.seal.AesGcm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Seals the secrets a service keeps in PostgreSQL (the shard-iterator secret, HTTP endpoint access keys, warehouse
 * passwords) with {@link AesGcm} under the master key ({@code shardline.kms.master-key}), whichever key provider is
 * configured. The {@code purpose} (what the secret is, e.g. {@code firehose.accessKey}) is authenticated with it, so a
 * sealed value copied into another place does not open there.
 *
 * <p>As text a sealed value reads {@code v1:<master key id>:<base64 of nonce, ciphertext and tag>}: the id says which
 * master key sealed it, so a wrong master key is told apart from a tampered value.
 */
public final class SecretSeal {

    private static final String VERSION = "v1";

    private final MasterKey masterKey;

    SecretSeal(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** For tests and tools that seal without a Spring context: a seal under the given 256-bit key. */
    public static SecretSeal of(byte[] masterKey) {
        return new SecretSeal(MasterKey.of(masterKey));
    }

    /** The fingerprint of the master key that seals now; it reveals nothing of the key. */
    public String masterKeyId() {
        return masterKey.id();
    }

    public byte[] seal(byte[] secret, String purpose) {
        return masterKey.seal(secret, aad(purpose));
    }

    /**
     * The secret that {@link #seal} made under the master key with id {@code sealedUnder}.
     *
     * @throws WrongMasterKeyException when another master key sealed it
     * @throws AesGcm.TamperedException when it, or its purpose, was altered
     */
    public byte[] open(byte[] sealed, String sealedUnder, String purpose) {
        if (!masterKey.id().equals(sealedUnder)) {
            throw new WrongMasterKeyException(sealedUnder, masterKey.id());
        }
        return masterKey.open(sealed, aad(purpose));
    }

    /** {@code v1:<master key id>:<base64>}. */
    public String sealText(String secret, String purpose) {
        return VERSION + ":" + masterKey.id() + ":"
                + Base64.getEncoder().encodeToString(seal(secret.getBytes(StandardCharsets.UTF_8), purpose));
    }

    /** The secret of a {@link #sealText} value; the same exceptions as {@link #open}. */
    public String openText(String sealed, String purpose) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("Not a sealed secret of format " + VERSION);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A sealed secret's ciphertext is not base64", e);
        }
        return new String(open(raw, parts[1], purpose), StandardCharsets.UTF_8);
    }

    private static byte[] aad(String purpose) {
        return ("shardline sealed secret " + purpose).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretSeal[masterKeyId=" + masterKey.id() + "]";
    }

    /** The secret was sealed under another master key than the configured one. */
    public static final class WrongMasterKeyException extends RuntimeException {
        WrongMasterKeyException(String sealedUnder, String configured) {
            super("The secret was sealed under the master key with id " + sealedUnder
                    + ", but shardline.kms.master-key is the one with id " + configured
                    + "; configure the master key that sealed it");
        }
    }
}
