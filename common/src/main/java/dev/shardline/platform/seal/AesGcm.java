package dev.shardline.platform.seal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce, the one sealing implementation of Shardline: key material in the key
 * service, encrypted records in Kafka and shard iterators on the wire are all {@code prefix || nonce || ciphertext ||
 * tag}, where the prefix is a plain header of the caller's (a format byte, AWS's iterator header) and {@code aad} is
 * authenticated with the ciphertext.
 */
public final class AesGcm {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final byte[] NONE = new byte[0];
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {}

    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** {@code nonce || ciphertext || tag} of {@code plaintext}, authenticated together with {@code aad}. */
    public static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
        return seal(key, NONE, aad, plaintext);
    }

    /**
     * {@code prefix || nonce || ciphertext || tag}, the ciphertext being that of the {@code parts} one after another
     * (so a caller need not copy them into one array first).
     */
    public static byte[] seal(byte[] key, byte[] prefix, byte[] aad, byte[]... parts) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, 0, aad);
            int plaintextLength = 0;
            for (byte[] part : parts) {
                plaintextLength += part.length;
            }
            byte[] out = new byte[prefix.length + NONCE_BYTES + cipher.getOutputSize(plaintextLength)];
            System.arraycopy(prefix, 0, out, 0, prefix.length);
            System.arraycopy(nonce, 0, out, prefix.length, NONCE_BYTES);
            int written = prefix.length + NONCE_BYTES;
            for (byte[] part : parts) {
                written += cipher.update(part, 0, part.length, out, written);
            }
            cipher.doFinal(out, written);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JVM", e);
        }
    }

    /** The plaintext of what {@link #seal(byte[], byte[], byte[])} made; {@link TamperedException} if altered. */
    public static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        return open(key, sealed, 0, aad);
    }

    /**
     * The plaintext of what {@link #seal(byte[], byte[], byte[], byte[]...)} made with a prefix of
     * {@code prefixLength} bytes; {@link TamperedException} when it, its nonce or its {@code aad} changed, or it was
     * sealed under another key.
     */
    public static byte[] open(byte[] key, byte[] sealed, int prefixLength, byte[] aad) {
        int start = prefixLength + NONCE_BYTES;
        if (sealed.length < start + TAG_BYTES) {
            throw new TamperedException();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed, prefixLength, aad);
            return cipher.doFinal(sealed, start, sealed.length - start);
        } catch (AEADBadTagException e) {
            throw new TamperedException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JVM", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonceSource, int nonceOffset, byte[] aad)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                mode,
                new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(TAG_BYTES * 8, nonceSource, nonceOffset, NONCE_BYTES));
        if (aad.length > 0) {
            cipher.updateAAD(aad);
        }
        return cipher;
    }

    /** The ciphertext, its nonce or its associated data were altered, or it was sealed under another key. */
    public static final class TamperedException extends RuntimeException {
        TamperedException() {
            super("AES-GCM authentication failed", null, false, false);
        }
    }
}
