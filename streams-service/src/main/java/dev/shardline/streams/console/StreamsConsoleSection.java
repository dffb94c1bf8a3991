package dev.shardline.streams.console;

import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.console.ConsoleSection;
import dev.shardline.platform.console.ConsoleTotal;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamView;
import java.util.List;
import org.springframework.stereotype.Component;

/** The streams service's part of the console: the Streams entry and its totals on the overview. */
@Component
class StreamsConsoleSection implements ConsoleSection {

    /** The overview counts at most this many streams; beyond, it says "at least". */
    private static final int COUNTED = 1_000;

    private final StreamService streams;
    private final RestCaller caller;

    StreamsConsoleSection(StreamService streams, RestCaller caller) {
        this.streams = streams;
        this.caller = caller;
    }

    @Override
    public String id() {
        return "streams";
    }

    @Override
    public String title() {
        return "Streams";
    }

    @Override
    public String path() {
        return "/console/streams";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<ConsoleTotal> totals() {
        StreamService.StreamPage page = streams.list(caller.accountId(), caller.region(), null, COUNTED);
        long openShards = streams.limits(caller.accountId(), caller.region()).openShardCount();
        long active = page.streams().stream().filter(StreamView::acceptsData).count();
        return List.of(
                new ConsoleTotal("Streams", page.streams().size(), path()),
                new ConsoleTotal("Active streams", active, path()),
                new ConsoleTotal("Open shards", openShards, null));
    }
}
