package dev.shardline.keys;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a random 96-bit nonce in front of the ciphertext: how the key service seals key material. */
final class AesGcm {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {}

    static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** {@code nonce || ciphertext || tag} of {@code plaintext}, authenticated together with {@code aad}. */
    static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, 0);
            cipher.updateAAD(aad);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(plaintext.length));
            out.put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plaintext), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JVM", e);
        }
    }

    /** The plaintext of what {@link #seal} made; {@link TamperedException} when it or its {@code aad} changed. */
    static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new TamperedException();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed, 0);
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new TamperedException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JVM", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonceSource, int nonceOffset)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                mode,
                new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(TAG_BITS, nonceSource, nonceOffset, NONCE_BYTES));
        return cipher;
    }

    /** The ciphertext, its nonce or its associated data were altered, or it was sealed under another key. */
    static final class TamperedException extends RuntimeException {
        TamperedException() {
            super("AES-GCM authentication failed", null, false, false);
        }
    }
}
