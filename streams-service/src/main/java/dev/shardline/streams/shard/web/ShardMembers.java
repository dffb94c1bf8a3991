package dev.shardline.streams.shard.web;

import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.StreamConstraints;

/** The ShardId members of the resharding actions, with AWS's constraints. */
final class ShardMembers {

    private ShardMembers() {}

    static void shardId(Validation v, String member, String value) {
        if (v.required(member, value)) {
            v.length(member, value, 1, 128).pattern(member, value, StreamConstraints.SHARD_ID);
        }
    }
}
