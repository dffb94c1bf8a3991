package dev.shardline.streams.console;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamView;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream's shard map as a picture: the hash key space top to bottom, generations of shards left to right. A shard
 * that a split or merge made stands one column right of its parents (the column is its depth in the lineage), with a
 * line from each parent, so the stream's history of splits and merges reads left to right. Each shard is open, closed
 * (resharded away, records still readable) or expired (closed longer ago than the retention period).
 */
public record ShardMapPicture(int width, int height, List<Box> boxes, List<Link> links, int generations) {

    private static final int HEIGHT = 320;
    private static final int COLUMN = 150;
    private static final int GAP = 40;
    private static final int MARGIN = 4;
    private static final BigDecimal SPACE = new BigDecimal(HashKeyRange.MAX_HASH_KEY.add(java.math.BigInteger.ONE));

    public enum State {
        OPEN,
        CLOSED,
        EXPIRED;

        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One shard's rectangle; {@code label} is drawn only where the rectangle is tall enough to hold it. */
    public record Box(
            String shardId, State state, double x, double y, double w, double h, String title, boolean labelled) {}

    /** A line from a parent shard to a shard that a split or merge made from it. */
    public record Link(String parent, String child, double x1, double y1, double x2, double y2) {}

    public static ShardMapPicture of(StreamView stream, Instant now) {
        Instant expiredBefore = now.minus(Duration.ofHours(stream.retentionHours()));
        Map<Integer, Integer> depth = new HashMap<>();
        int deepest = 0;
        // a child's index is always above its parents', so one pass in index order knows every parent's depth
        for (ShardView shard : stream.shards().stream()
                .sorted(java.util.Comparator.comparingInt(ShardView::index))
                .toList()) {
            int d = 0;
            if (shard.parentIndex() != null) {
                d = Math.max(d, depth.getOrDefault(shard.parentIndex(), -1) + 1);
            }
            if (shard.adjacentParentIndex() != null) {
                d = Math.max(d, depth.getOrDefault(shard.adjacentParentIndex(), -1) + 1);
            }
            depth.put(shard.index(), d);
            deepest = Math.max(deepest, d);
        }
        Map<Integer, Box> boxes = new HashMap<>();
        List<Box> ordered = new ArrayList<>();
        for (ShardView shard : stream.shards()) {
            double x = MARGIN + depth.get(shard.index()) * (COLUMN + GAP);
            double y = MARGIN + fraction(shard.hashKeyRange().start()) * HEIGHT;
            double h = Math.max(
                    1.5,
                    fraction(shard.hashKeyRange().end().add(java.math.BigInteger.ONE)) * HEIGHT
                            - fraction(shard.hashKeyRange().start()) * HEIGHT);
            State state = shard.isOpen()
                    ? State.OPEN
                    : shard.closedAt().isBefore(expiredBefore) ? State.EXPIRED : State.CLOSED;
            Box box = new Box(shard.shardId(), state, x, y, COLUMN, h, title(shard, state), h >= 12);
            boxes.put(shard.index(), box);
            ordered.add(box);
        }
        List<Link> links = new ArrayList<>();
        for (ShardView shard : stream.shards()) {
            Box child = boxes.get(shard.index());
            for (Integer parent : new Integer[] {shard.parentIndex(), shard.adjacentParentIndex()}) {
                Box from = parent == null ? null : boxes.get(parent);
                if (from != null) {
                    links.add(new Link(
                            from.shardId(),
                            child.shardId(),
                            from.x() + from.w(),
                            from.y() + from.h() / 2,
                            child.x(),
                            child.y() + child.h() / 2));
                }
            }
        }
        int width = 2 * MARGIN + (deepest + 1) * COLUMN + deepest * GAP;
        return new ShardMapPicture(width, HEIGHT + 2 * MARGIN, List.copyOf(ordered), List.copyOf(links), deepest + 1);
    }

    private static double fraction(java.math.BigInteger hashKey) {
        return new BigDecimal(hashKey).divide(SPACE, MathContext.DECIMAL64).doubleValue();
    }

    private static String title(ShardView shard, State state) {
        StringBuilder title = new StringBuilder(shard.shardId())
                .append(" (")
                .append(state.css())
                .append(")\nhash keys ")
                .append(shard.hashKeyRange().start())
                .append(" to ")
                .append(shard.hashKeyRange().end())
                .append("\ncreated ")
                .append(shard.createdAt());
        if (shard.closedAt() != null) {
            title.append("\nclosed ").append(shard.closedAt());
        }
        return title.toString();
    }
}
