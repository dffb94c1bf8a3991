package dev.shardline.streams.console.web;

import dev.shardline.streams.console.ShardMapPicture;
import dev.shardline.streams.console.ShardRates;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamView;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What a stream's page shows, read once per request: the stream (one query, its shards with it), the shard map
 * picture and the rates from the in-memory meters. Nothing here grows with the stream's history but the shard list.
 */
@Component
class StreamPanels {

    private final StreamService streams;
    private final ShardRates rates;
    private final Clock clock;

    StreamPanels(StreamService streams, ShardRates rates, Clock clock) {
        this.streams = streams;
        this.rates = rates;
        this.clock = clock;
    }

    void streamInto(StreamRef ref, Model model) {
        StreamView stream = liveInto(ref, model);
        List<String> open = stream.openShards().stream()
                .sorted(Comparator.comparing(s -> s.hashKeyRange().start()))
                .map(ShardView::shardId)
                .toList();
        model.addAttribute("openShardIds", open);
        model.addAttribute("row", StreamRow.of(stream));
        model.addAttribute("arn", ref.arn());
    }

    StreamView liveInto(StreamRef ref, Model model) {
        StreamView stream = streams.describe(ref);
        ShardMapPicture picture = ShardMapPicture.of(stream, clock.instant());
        Map<String, ShardRates.Rate> shardRates = rates.rates(ref.name());
        List<ShardRow> rows = ShardRow.of(stream.shards(), picture, shardRates);
        model.addAttribute("name", ref.name());
        model.addAttribute("status", stream.status().name());
        model.addAttribute("picture", picture);
        model.addAttribute("shards", rows);
        model.addAttribute(
                "recordsIn", rows.stream().mapToDouble(ShardRow::recordsIn).sum());
        model.addAttribute(
                "recordsOut", rows.stream().mapToDouble(ShardRow::recordsOut).sum());
        model.addAttribute("iteratorAge", rates.iteratorAgeMillis(ref.name()));
        return stream;
    }
}
