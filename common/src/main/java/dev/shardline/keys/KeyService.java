package dev.shardline.keys;

/**
 * Envelope encryption's key service: it hands out data keys (AES-256) together with the same key wrapped by a master
 * key that never leaves it, and unwraps them again. Callers encrypt with the plaintext data key, keep only the wrapped
 * one beside the ciphertext, and forget the plaintext. Failures are AWS's KMS error types ({@code KMSNotFoundException},
 * {@code KMSDisabledException}, ...) as {@link dev.shardline.platform.error.AwsException}s.
 */
public interface KeyService {

    /**
     * A fresh data key under the key that {@code keyId} names in {@code scope}: a key id, a key ARN, an alias name
     * ({@code alias/...}) or an alias ARN.
     */
    DataKey generateDataKey(KeyScope scope, String keyId);

    /** The plaintext of a data key that {@link #generateDataKey} wrapped; the wrapped form names its key. */
    byte[] decrypt(byte[] wrappedKey);

    /** The key that {@code keyId} names in {@code scope}, in whatever state it is. */
    KeyDescription describe(KeyScope scope, String keyId);
}
