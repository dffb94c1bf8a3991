package dev.shardline.streams.aws;

import dev.shardline.kinesis.SequenceNumber;
import dev.shardline.kinesis.ShardIds;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.aws.StreamShapes.*;
import dev.shardline.streams.consumer.ConsumerService;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamView;
import dev.shardline.streams.tag.TagConstraints;
import dev.shardline.streams.tag.TagService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/** The Kinesis control-plane actions on the AWS wire, mapped onto {@link StreamService}. */
@Component
class StreamActions {

    private static final List<String> STREAM_MODES = List.of("PROVISIONED", "ON_DEMAND");
    private static final List<String> SHARD_FILTER_TYPES = List.of(
            "AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP");
    private static final Duration NEXT_TOKEN_TTL = Duration.ofMinutes(5);
    private static final int ON_DEMAND_INITIAL_SHARDS = 4;

    private final StreamService streams;
    private final TagService tags;
    private final ConsumerService consumers;
    private final Clock clock;

    StreamActions(StreamService streams, TagService tags, ConsumerService consumers, Clock clock) {
        this.streams = streams;
        this.tags = tags;
        this.consumers = consumers;
        this.clock = clock;
    }

    List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("CreateStream", CreateStreamRequest.class, this::createStream),
                AwsAction.of("DeleteStream", DeleteStreamRequest.class, this::deleteStream),
                AwsAction.of("DescribeStream", DescribeStreamRequest.class, this::describeStream),
                AwsAction.of("DescribeStreamSummary", DescribeStreamSummaryRequest.class, this::describeStreamSummary),
                AwsAction.of("ListStreams", ListStreamsRequest.class, this::listStreams),
                AwsAction.of("ListShards", ListShardsRequest.class, this::listShards),
                AwsAction.of("DescribeLimits", DescribeLimitsRequest.class, this::describeLimits));
    }

    private Object createStream(CreateStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        String mode = request.streamModeDetails() == null
                ? null
                : request.streamModeDetails().streamMode();
        v.range("shardCount", request.shardCount(), 1, 100_000);
        if (request.streamModeDetails() != null && v.required("streamModeDetails.streamMode", mode)) {
            v.oneOf("streamModeDetails.streamMode", mode, STREAM_MODES);
        }
        if (v.required("streamName", request.streamName())) {
            StreamConstraints.streamName(v, request.streamName());
        }
        TagConstraints.tags(v, "tags", request.tags(), 0);
        v.throwIfInvalid();
        StreamMode streamMode = mode == null ? StreamMode.PROVISIONED : StreamMode.valueOf(mode);
        Integer shardCount = request.shardCount();
        if (streamMode == StreamMode.PROVISIONED && shardCount == null) {
            throw AwsErrorType.VALIDATION.exception(
                    "1 validation error detected: Value null at 'shardCount' failed to satisfy constraint: "
                            + "Member must not be null");
        }
        if (streamMode == StreamMode.ON_DEMAND && shardCount != null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("ShardCount cannot be specified for an ON_DEMAND stream.");
        }
        int shards = shardCount != null ? shardCount : ON_DEMAND_INITIAL_SHARDS;
        StreamRef ref = new StreamRef(ctx.accountId(), ctx.region(), request.streamName());
        if (request.tags() == null) {
            streams.create(ref, shards, streamMode);
        } else {
            tags.createTagged(ref, shards, streamMode, request.tags());
        }
        return null;
    }

    private Object deleteStream(DeleteStreamRequest request, AwsRequestContext ctx) {
        streams.delete(
                StreamConstraints.stream(Validation.of(), ctx, request.streamName(), request.streamARN()),
                Boolean.TRUE.equals(request.enforceConsumerDeletion()));
        return null;
    }

    private DescribeStreamResponse describeStream(DescribeStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.range("limit", request.limit(), 1, 10_000);
        v.length("exclusiveStartShardId", request.exclusiveStartShardId(), 1, 128)
                .pattern("exclusiveStartShardId", request.exclusiveStartShardId(), StreamConstraints.SHARD_ID);
        StreamView stream =
                streams.describe(StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN()));
        int limit = request.limit() == null ? 100 : request.limit();
        int after = request.exclusiveStartShardId() == null
                ? -1
                : ShardIds.parse(request.exclusiveStartShardId()).orElse(-1);
        List<ShardView> listed =
                listable(stream).stream().filter(s -> s.index() > after).toList();
        List<Shard> page =
                listed.stream().limit(limit).map(StreamActions::shard).toList();
        return new DescribeStreamResponse(new StreamDescription(
                stream.ref().name(),
                stream.ref().arn(),
                stream.status().name(),
                new StreamModeDetails(stream.mode().name()),
                page,
                listed.size() > limit,
                stream.retentionHours(),
                stream.createdAt(),
                StreamSettingsActions.enhancedMonitoring(stream),
                stream.encryptionType().name(),
                stream.keyId()));
    }

    private DescribeStreamSummaryResponse describeStreamSummary(
            DescribeStreamSummaryRequest request, AwsRequestContext ctx) {
        StreamView stream = streams.describe(
                StreamConstraints.stream(Validation.of(), ctx, request.streamName(), request.streamARN()));
        return new DescribeStreamSummaryResponse(new StreamDescriptionSummary(
                stream.ref().name(),
                stream.ref().arn(),
                stream.status().name(),
                new StreamModeDetails(stream.mode().name()),
                stream.retentionHours(),
                stream.createdAt(),
                StreamSettingsActions.enhancedMonitoring(stream),
                stream.encryptionType().name(),
                stream.keyId(),
                stream.openShards().size(),
                consumers.count(stream.id()),
                stream.maxRecordSizeKib()));
    }

    private ListStreamsResponse listStreams(ListStreamsRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.range("limit", request.limit(), 1, 10_000);
        v.length("exclusiveStartStreamName", request.exclusiveStartStreamName(), 1, 128)
                .pattern("exclusiveStartStreamName", request.exclusiveStartStreamName(), StreamConstraints.STREAM_NAME);
        v.length("nextToken", request.nextToken(), 1, 1_048_576);
        v.throwIfInvalid();
        String after = request.exclusiveStartStreamName();
        if (request.nextToken() != null) {
            String[] token = decodeToken(request.nextToken(), ctx);
            if (token.length != 1) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken.");
            }
            after = token[0];
        }
        int limit = request.limit() == null ? 100 : request.limit();
        StreamService.StreamPage page = streams.list(ctx.accountId(), ctx.region(), after, limit);
        List<String> names = page.streams().stream().map(s -> s.ref().name()).toList();
        String nextToken = page.hasMore() ? encodeToken(ctx, names.get(names.size() - 1)) : null;
        return new ListStreamsResponse(
                names,
                page.hasMore(),
                nextToken,
                page.streams().stream()
                        .map(s -> new StreamSummary(
                                s.ref().name(),
                                s.ref().arn(),
                                s.status().name(),
                                new StreamModeDetails(s.mode().name()),
                                s.createdAt()))
                        .toList());
    }

    private ListShardsResponse listShards(ListShardsRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.range("maxResults", request.maxResults(), 1, 10_000);
        v.length("nextToken", request.nextToken(), 1, 1_048_576);
        v.length("exclusiveStartShardId", request.exclusiveStartShardId(), 1, 128)
                .pattern("exclusiveStartShardId", request.exclusiveStartShardId(), StreamConstraints.SHARD_ID);
        ShardFilter filter = request.shardFilter();
        if (filter != null && v.required("shardFilter.type", filter.type())) {
            v.oneOf("shardFilter.type", filter.type(), SHARD_FILTER_TYPES);
        }
        StreamRef ref;
        int after = -1;
        if (request.nextToken() != null) {
            v.throwIfInvalid();
            if (request.streamName() != null || request.streamARN() != null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("NextToken and StreamName cannot be provided together.");
            }
            if (request.exclusiveStartShardId() != null || filter != null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception(
                        "NextToken cannot be provided together with ExclusiveStartShardId or ShardFilter.");
            }
            String[] token = decodeToken(request.nextToken(), ctx);
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
            ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
            if (request.exclusiveStartShardId() != null) {
                after = ShardIds.parse(request.exclusiveStartShardId()).orElse(-1);
            }
        }
        StreamView stream = streams.describe(ref);
        Predicate<ShardView> selected = shardFilter(stream, filter);
        int exclusiveStart = after;
        List<ShardView> listed = listable(stream).stream()
                .filter(s -> s.index() > exclusiveStart)
                .filter(selected)
                .toList();
        int max = request.maxResults() == null ? 1000 : request.maxResults();
        List<ShardView> page = listed.stream().limit(max).toList();
        String nextToken = null;
        if (listed.size() > max) {
            ShardFilter f = filter;
            nextToken = encodeToken(
                    ctx,
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
        return new ListShardsResponse(page.stream().map(StreamActions::shard).toList(), nextToken);
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

    private DescribeLimitsResponse describeLimits(DescribeLimitsRequest request, AwsRequestContext ctx) {
        StreamService.AccountLimits limits = streams.limits(ctx.accountId(), ctx.region());
        return new DescribeLimitsResponse(
                limits.shardLimit(),
                (int) limits.openShardCount(),
                (int) limits.onDemandStreamCount(),
                limits.onDemandStreamLimit());
    }

    /** Shards that DescribeStream and ListShards show: all but those whose records have all expired. */
    private List<ShardView> listable(StreamView stream) {
        Instant expiredBefore = clock.instant().minus(Duration.ofHours(stream.retentionHours()));
        return stream.shards().stream()
                .filter(s -> s.isOpen() || s.closedAt().isAfter(expiredBefore))
                .toList();
    }

    static Shard shard(ShardView shard) {
        SequenceNumber ending = shard.endingSequenceNumber();
        return new Shard(
                shard.shardId(),
                shard.parentIndex() == null ? null : ShardIds.format(shard.parentIndex()),
                shard.adjacentParentIndex() == null ? null : ShardIds.format(shard.adjacentParentIndex()),
                new HashKeyRange(
                        shard.hashKeyRange().start().toString(),
                        shard.hashKeyRange().end().toString()),
                new SequenceNumberRange(
                        shard.startingSequenceNumber().toString(), ending == null ? null : ending.toString()));
    }

    /** An opaque, expiring pagination token; it is tied to the caller's account. */
    private String encodeToken(AwsRequestContext ctx, String... parts) {
        String joined = ctx.accountId() + "\n" + clock.millis() + "\n" + String.join("\n", parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    private String[] decodeToken(String token, AwsRequestContext ctx) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken.");
        }
        if (parts.length < 3
                || !parts[0].equals(ctx.accountId())
                || !parts[1].chars().allMatch(Character::isDigit)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken.");
        }
        Instant issued = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        if (issued.plus(NEXT_TOKEN_TTL).isBefore(clock.instant())) {
            throw AwsErrorType.EXPIRED_NEXT_TOKEN.exception("The nextToken has expired.");
        }
        return java.util.Arrays.copyOfRange(parts, 2, parts.length);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
