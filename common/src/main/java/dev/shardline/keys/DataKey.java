package dev.shardline.keys;

/**
 * A data key: its plaintext (to encrypt with, never to store), the same key wrapped under its KMS key (to store
 * beside the ciphertext), and the ARN of that KMS key.
 */
public record DataKey(byte[] plaintextKey, byte[] wrappedKey, String keyArn) {

    @Override
    public String toString() {
        // The plaintext must not reach a log line.
        return "DataKey[keyArn=" + keyArn + "]";
    }
}
