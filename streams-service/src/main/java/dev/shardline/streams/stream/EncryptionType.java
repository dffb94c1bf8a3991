package dev.shardline.streams.stream;

/** AWS's server-side encryption types of a stream: none, or with a KMS key. */
public enum EncryptionType {
    NONE,
    KMS
}
