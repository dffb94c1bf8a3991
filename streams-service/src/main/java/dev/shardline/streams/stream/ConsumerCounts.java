package dev.shardline.streams.stream;

import java.util.UUID;

/**
 * How many enhanced fan-out consumers a stream has, for DescribeStreamSummary. The consumer feature provides it, since
 * consumers know streams and not the reverse.
 */
public interface ConsumerCounts {

    int count(UUID streamId);
}
