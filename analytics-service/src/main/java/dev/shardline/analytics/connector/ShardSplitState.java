package dev.shardline.analytics.connector;

/** A split while it is read: how far its records went out of the reader. */
final class ShardSplitState {

    final ShardSplit split;
    long nextOffset;

    ShardSplitState(ShardSplit split) {
        this.split = split;
        this.nextOffset = split.nextOffset();
    }

    ShardSplit toSplit() {
        return split.at(nextOffset);
    }
}
