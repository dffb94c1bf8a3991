package dev.shardline.streams.console.web;

import dev.shardline.streams.console.ShardMapPicture;
import dev.shardline.streams.console.ShardRates;
import dev.shardline.streams.stream.ShardView;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A shard as the stream page's table shows it: its place in the key space and lineage, its state and its rates. */
record ShardRow(
        String shardId,
        String state,
        String hashStart,
        String hashEnd,
        String parents,
        double recordsIn,
        double kibIn,
        double recordsOut,
        double kibOut,
        long totalIn,
        long totalOut,
        String heat,
        int bar) {

    /** A shard is hot at twice the mean write rate of the open shards, cold when it takes nothing while others do. */
    static List<ShardRow> of(List<ShardView> shards, ShardMapPicture picture, Map<String, ShardRates.Rate> rates) {
        Map<String, ShardMapPicture.State> states = new java.util.HashMap<>();
        picture.boxes().forEach(box -> states.put(box.shardId(), box.state()));
        List<ShardView> open = shards.stream().filter(ShardView::isOpen).toList();
        double sum = 0;
        double max = 0;
        for (ShardView shard : open) {
            double in =
                    rates.getOrDefault(shard.shardId(), ShardRates.Rate.NONE).recordsIn();
            sum += in;
            max = Math.max(max, in);
        }
        double mean = open.isEmpty() ? 0 : sum / open.size();
        List<ShardRow> rows = new ArrayList<>(shards.size());
        for (ShardView shard : shards) {
            ShardRates.Rate rate = rates.getOrDefault(shard.shardId(), ShardRates.Rate.NONE);
            String heat = "";
            if (shard.isOpen() && open.size() > 1 && mean > 0) {
                if (rate.recordsIn() >= 2 * mean) {
                    heat = "hot";
                } else if (rate.recordsIn() < 0.05) {
                    heat = "cold";
                }
            }
            rows.add(new ShardRow(
                    shard.shardId(),
                    states.get(shard.shardId()).css(),
                    abbreviate(shard.hashKeyRange().start()),
                    abbreviate(shard.hashKeyRange().end()),
                    parents(shard),
                    rate.recordsIn(),
                    rate.bytesIn() / 1024,
                    rate.recordsOut(),
                    rate.bytesOut() / 1024,
                    rate.totalIn(),
                    rate.totalOut(),
                    heat,
                    max <= 0 ? 0 : (int) Math.round(100 * rate.recordsIn() / max)));
        }
        return rows;
    }

    /** Hash keys are 39-digit numbers; the table shows the leading digits and the full number on hover. */
    private static String abbreviate(BigInteger key) {
        String digits = key.toString();
        return digits.length() <= 12 ? digits : digits.substring(0, 6) + "…e" + (digits.length() - 1);
    }

    private static String parents(ShardView shard) {
        List<String> ids = new ArrayList<>();
        if (shard.parentIndex() != null) {
            ids.add(dev.shardline.kinesis.ShardIds.format(shard.parentIndex()));
        }
        if (shard.adjacentParentIndex() != null) {
            ids.add(dev.shardline.kinesis.ShardIds.format(shard.adjacentParentIndex()));
        }
        return String.join(", ", ids);
    }
}
