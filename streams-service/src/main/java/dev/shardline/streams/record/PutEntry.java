package dev.shardline.streams.record;

import java.math.BigInteger;

/** One record to put: data, partition key and, optionally, the hash key that overrides the key's MD5. */
public record PutEntry(byte[] data, String partitionKey, BigInteger explicitHashKey) {}
