package dev.shardline.streams.stream.web;

import dev.shardline.kinesis.ShardIds;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.ConsumerCounts;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamView;
import dev.shardline.streams.stream.TaggedStreamCreation;
import dev.shardline.streams.stream.web.StreamShapes.*;
import dev.shardline.streams.web.KinesisActions;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * CreateStream, DeleteStream, DescribeStream, DescribeStreamSummary, ListStreams and DescribeLimits on the AWS wire,
 * mapped onto {@link StreamService}.
 */
@Component
class StreamActions implements KinesisActions {

    private static final int MAX_SHARDS = 100_000;
    private static final int ON_DEMAND_INITIAL_SHARDS = 4;

    private final StreamService streams;
    private final TaggedStreamCreation tagged;
    private final ConsumerCounts consumers;
    private final Clock clock;

    StreamActions(StreamService streams, TaggedStreamCreation tagged, ConsumerCounts consumers, Clock clock) {
        this.streams = streams;
        this.tagged = tagged;
        this.consumers = consumers;
        this.clock = clock;
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("CreateStream", CreateStreamRequest.class, this::createStream),
                AwsAction.of("DeleteStream", DeleteStreamRequest.class, this::deleteStream),
                AwsAction.of("DescribeStream", DescribeStreamRequest.class, this::describeStream),
                AwsAction.of("DescribeStreamSummary", DescribeStreamSummaryRequest.class, this::describeStreamSummary),
                AwsAction.of("ListStreams", ListStreamsRequest.class, this::listStreams),
                AwsAction.of("DescribeLimits", DescribeLimitsRequest.class, this::describeLimits));
    }

    private Object createStream(CreateStreamRequest request, AwsRequestContext ctx) {
        String mode = request.streamModeDetails() == null
                ? null
                : request.streamModeDetails().streamMode();
        // Shardline's shard limit; the model has no maximum any more
        Validation.of().range("shardCount", request.shardCount(), 1, MAX_SHARDS).throwIfInvalid();
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
            tagged.createTagged(ref, shards, streamMode, request.tags());
        }
        return null;
    }

    private Object deleteStream(DeleteStreamRequest request, AwsRequestContext ctx) {
        streams.delete(
                StreamConstraints.stream(ctx, request.streamName(), request.streamARN()),
                Boolean.TRUE.equals(request.enforceConsumerDeletion()));
        return null;
    }

    private DescribeStreamResponse describeStream(DescribeStreamRequest request, AwsRequestContext ctx) {
        StreamView stream = streams.describe(StreamConstraints.stream(ctx, request.streamName(), request.streamARN()));
        int limit = request.limit() == null ? 100 : request.limit();
        int after = request.exclusiveStartShardId() == null
                ? -1
                : ShardIds.parse(request.exclusiveStartShardId()).orElse(-1);
        List<ShardView> listed = stream.listableShards(clock.instant()).stream()
                .filter(s -> s.index() > after)
                .toList();
        List<ShardShapes.Shard> page =
                listed.stream().limit(limit).map(ShardShapes::shard).toList();
        return new DescribeStreamResponse(new StreamDescription(
                stream.ref().name(),
                stream.ref().arn(),
                stream.status().name(),
                new StreamModeDetails(stream.mode().name()),
                page,
                listed.size() > limit,
                stream.retentionHours(),
                stream.createdAt(),
                EnhancedMonitoringActions.enhancedMonitoring(stream),
                stream.encryptionType().name(),
                stream.keyId()));
    }

    private DescribeStreamSummaryResponse describeStreamSummary(
            DescribeStreamSummaryRequest request, AwsRequestContext ctx) {
        StreamView stream = streams.describe(StreamConstraints.stream(ctx, request.streamName(), request.streamARN()));
        return new DescribeStreamSummaryResponse(new StreamDescriptionSummary(
                stream.ref().name(),
                stream.ref().arn(),
                stream.status().name(),
                new StreamModeDetails(stream.mode().name()),
                stream.retentionHours(),
                stream.createdAt(),
                EnhancedMonitoringActions.enhancedMonitoring(stream),
                stream.encryptionType().name(),
                stream.keyId(),
                stream.openShards().size(),
                consumers.count(stream.id()),
                stream.maxRecordSizeKib()));
    }

    private ListStreamsResponse listStreams(ListStreamsRequest request, AwsRequestContext ctx) {
        String after = request.exclusiveStartStreamName();
        if (request.nextToken() != null) {
            String[] token = NextTokens.decode(request.nextToken(), ctx, clock);
            if (token.length != 1) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken.");
            }
            after = token[0];
        }
        int limit = request.limit() == null ? 100 : request.limit();
        StreamService.StreamPage page = streams.list(ctx.accountId(), ctx.region(), after, limit);
        List<String> names = page.streams().stream().map(s -> s.ref().name()).toList();
        String nextToken = page.hasMore() ? NextTokens.encode(ctx, clock, names.get(names.size() - 1)) : null;
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

    private DescribeLimitsResponse describeLimits(DescribeLimitsRequest request, AwsRequestContext ctx) {
        StreamService.AccountLimits limits = streams.limits(ctx.accountId(), ctx.region());
        return new DescribeLimitsResponse(
                limits.shardLimit(),
                (int) limits.openShardCount(),
                (int) limits.onDemandStreamCount(),
                limits.onDemandStreamLimit());
    }
}
