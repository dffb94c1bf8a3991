package dev.shardline.streams.shard.web;

import dev.shardline.kinesis.ShardIds;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamView;
import dev.shardline.streams.stream.web.NextTokens;
import dev.shardline.streams.stream.web.ShardShapes;
import dev.shardline.streams.web.KinesisActions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/** ListShards on the AWS wire: a stream's shards, filtered and a page at a time, from {@link StreamService}. */
@Component
class ListShardsAction implements KinesisActions {

    private final StreamService streams;
    private final Clock clock;

    ListShardsAction(StreamService streams, Clock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    record ListShardsRequest(
            String streamName,
            String streamARN,
            String nextToken,
            String exclusiveStartShardId,
            Integer maxResults,
            Instant streamCreationTimestamp,
            ShardFilter shardFilter) {}

    record ShardFilter(String type, String shardId, Instant timestamp) {}

    record ListShardsResponse(List<ShardShapes.Shard> shards, String nextToken) {}

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(AwsAction.of("ListShards", ListShardsRequest.class, this::listShards));
    }

    private ListShardsResponse listShards(ListShardsRequest request, AwsRequestContext ctx) {
        ShardFilter filter = request.shardFilter();
        StreamRef ref;
        int after = -1;
        if (request.nextToken() != null) {
            if (request.streamName() != null || request.streamARN() != null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("NextToken and StreamName cannot be provided together.");
            }
            if (request.exclusiveStartShardId() != null || filter != null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception(
                        "NextToken cannot be provided together with ExclusiveStartShardId or ShardFilter.");
            }
            String[] token = NextTokens.decode(request.nextToken(), ctx, clock);
            try {
                ref = new StreamRef(token[1], token[2], token[0]);
                after = Integer.parseInt(token[3]);
                filter = new ShardFilter(
                        token[4].isEmpty() ? null : token[4],
                        token[5].isEmpty() ? null : token[5],
                        token[6].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(token[6])));
            } catch (RuntimeException malformed) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken.");
            }
        } else {
            if (request.streamName() == null && request.streamARN() == null) {
                // ListShards, unlike the other actions, answers this as an argument error (AWS's words)
                throw AwsErrorType.INVALID_ARGUMENT.exception("Either NextToken or StreamName should be provided.");
            }
            ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
            if (request.exclusiveStartShardId() != null) {
                after = ShardIds.parse(request.exclusiveStartShardId()).orElse(-1);
            }
        }
        StreamView stream = streams.describe(ref);
        Predicate<ShardView> selected = shardFilter(stream, filter);
        int exclusiveStart = after;
        List<ShardView> listed = stream.listableShards(clock.instant()).stream()
                .filter(s -> s.index() > exclusiveStart)
                .filter(selected)
                .toList();
        int max = request.maxResults() == null ? 1000 : request.maxResults();
        List<ShardView> page = listed.stream().limit(max).toList();
        String nextToken = null;
        if (listed.size() > max) {
            ShardFilter f = filter;
            nextToken = NextTokens.encode(
                    ctx,
                    clock,
                    ref.name(),
                    ref.accountId(),
                    ref.region(),
                    Integer.toString(page.get(page.size() - 1).index()),
                    f == null || f.type() == null ? "" : f.type(),
                    f == null || f.shardId() == null ? "" : f.shardId(),
                    f == null || f.timestamp() == null
                            ? ""
                            : Long.toString(f.timestamp().toEpochMilli()));
        }
        return new ListShardsResponse(page.stream().map(ShardShapes::shard).toList(), nextToken);
    }

    private Predicate<ShardView> shardFilter(StreamView stream, ShardFilter filter) {
        if (filter == null || filter.type() == null) {
            return shard -> true;
        }
        Instant now = clock.instant();
        Instant trimHorizon = later(stream.createdAt(), now.minus(Duration.ofHours(stream.retentionHours())));
        return switch (filter.type()) {
            case "AFTER_SHARD_ID" -> {
                if (filter.shardId() == null) {
                    throw AwsErrorType.INVALID_ARGUMENT.exception(
                            "Must specify ShardId for ShardFilter of type AFTER_SHARD_ID.");
                }
                OptionalInt index = ShardIds.parse(filter.shardId());
                int after = index.orElse(Integer.MAX_VALUE);
                yield shard -> shard.index() > after;
            }
            case "AT_TRIM_HORIZON" -> shard -> shard.openAt(trimHorizon);
            case "FROM_TRIM_HORIZON" -> shard -> true;
            case "AT_LATEST" -> ShardView::isOpen;
            case "AT_TIMESTAMP", "FROM_TIMESTAMP" -> {
                if (filter.timestamp() == null) {
                    throw AwsErrorType.INVALID_ARGUMENT.exception(
                            "Must specify Timestamp for ShardFilter of type " + filter.type() + ".");
                }
                Instant at = later(stream.createdAt(), filter.timestamp());
                yield filter.type().equals("AT_TIMESTAMP")
                        ? shard -> shard.openAt(at)
                        : shard -> shard.closedAt() == null || shard.closedAt().isAfter(at);
            }
            default -> shard -> true;
        };
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
