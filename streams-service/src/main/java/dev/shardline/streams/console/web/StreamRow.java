package dev.shardline.streams.console.web;

import dev.shardline.streams.stream.StreamView;

/** A stream as the list shows it. */
record StreamRow(
        String name, String mode, int openShards, int retentionHours, String encryption, String status, String keyId) {

    static StreamRow of(StreamView stream) {
        return new StreamRow(
                stream.ref().name(),
                stream.mode().name(),
                stream.openShards().size(),
                stream.retentionHours(),
                stream.encryptionType().name(),
                stream.status().name(),
                stream.keyId());
    }
}
