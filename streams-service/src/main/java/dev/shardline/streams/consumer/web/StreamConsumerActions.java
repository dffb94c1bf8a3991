package dev.shardline.streams.consumer.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.consumer.ConsumerArn;
import dev.shardline.streams.consumer.ConsumerService;
import dev.shardline.streams.consumer.ConsumerView;
import dev.shardline.streams.consumer.web.ConsumerShapes.*;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.web.KinesisActions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Enhanced fan-out consumers on the AWS wire: RegisterStreamConsumer, DeregisterStreamConsumer, DescribeStreamConsumer
 * and ListStreamConsumers, mapped onto {@link ConsumerService}.
 */
@Component
class StreamConsumerActions implements KinesisActions {

    private static final Duration NEXT_TOKEN_TTL = Duration.ofMinutes(5);

    private final ConsumerService consumers;
    private final Clock clock;

    StreamConsumerActions(ConsumerService consumers, Clock clock) {
        this.consumers = consumers;
        this.clock = clock;
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("RegisterStreamConsumer", RegisterStreamConsumerRequest.class, this::register),
                AwsAction.of("DeregisterStreamConsumer", DeregisterStreamConsumerRequest.class, this::deregister),
                AwsAction.of("DescribeStreamConsumer", DescribeStreamConsumerRequest.class, this::describe),
                AwsAction.of("ListStreamConsumers", ListStreamConsumersRequest.class, this::list));
    }

    private RegisterStreamConsumerResponse register(RegisterStreamConsumerRequest request, AwsRequestContext ctx) {
        StreamRef ref = StreamConstraints.stream(ctx, null, request.streamARN());
        return new RegisterStreamConsumerResponse(consumer(consumers.register(ref, request.consumerName())));
    }

    private Object deregister(DeregisterStreamConsumerRequest request, AwsRequestContext ctx) {
        ConsumerArn arn = consumerArn(request.consumerARN(), request.consumerName(), request.streamARN());
        if (arn != null) {
            consumers.deregister(arn);
        } else {
            consumers.deregister(StreamConstraints.stream(ctx, null, request.streamARN()), request.consumerName());
        }
        return null;
    }

    private DescribeStreamConsumerResponse describe(DescribeStreamConsumerRequest request, AwsRequestContext ctx) {
        ConsumerArn arn = consumerArn(request.consumerARN(), request.consumerName(), request.streamARN());
        ConsumerView consumer = arn != null
                ? consumers.describe(arn)
                : consumers.describe(StreamConstraints.stream(ctx, null, request.streamARN()), request.consumerName());
        return new DescribeStreamConsumerResponse(new ConsumerDescription(
                consumer.name(),
                consumer.arn().toString(),
                consumer.status().name(),
                consumer.createdAt(),
                consumer.stream().arn()));
    }

    private ListStreamConsumersResponse list(ListStreamConsumersRequest request, AwsRequestContext ctx) {
        StreamRef ref = StreamConstraints.stream(ctx, null, request.streamARN());
        String after = request.nextToken() == null ? null : decodeToken(request.nextToken(), ctx, ref);
        int limit = request.maxResults() == null ? 100 : request.maxResults();
        ConsumerService.ConsumerPage page = consumers.list(ref, request.streamCreationTimestamp(), after, limit);
        List<Consumer> listed =
                page.consumers().stream().map(StreamConsumerActions::consumer).toList();
        String nextToken = page.hasMore()
                ? encodeToken(ctx, ref, listed.get(listed.size() - 1).consumerName())
                : null;
        return new ListStreamConsumersResponse(listed, nextToken);
    }

    /** The consumer a request names by ARN, or null when it names it by stream and consumer name. */
    private static ConsumerArn consumerArn(String consumerArn, String consumerName, String streamArn) {
        if (consumerArn != null) {
            return parse(consumerArn);
        }
        if (consumerName == null || streamArn == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "ConsumerARN or both ConsumerName and StreamARN are required for this request.");
        }
        return null;
    }

    static ConsumerArn parse(String arn) {
        return ConsumerArn.parse(arn)
                .orElseThrow(() -> AwsErrorType.INVALID_ARGUMENT.exception("Invalid ConsumerARN " + arn + "."));
    }

    private static Consumer consumer(ConsumerView view) {
        return new Consumer(view.name(), view.arn().toString(), view.status().name(), view.createdAt());
    }

    /** An opaque, expiring pagination token, tied to the caller's account and the stream. */
    private String encodeToken(AwsRequestContext ctx, StreamRef stream, String lastName) {
        String joined = ctx.accountId() + "\n" + clock.millis() + "\n" + stream.arn() + "\n" + lastName;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    private String decodeToken(String token, AwsRequestContext ctx, StreamRef stream) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken.");
        }
        if (parts.length != 4
                || !parts[0].equals(ctx.accountId())
                || parts[1].isEmpty()
                || parts[1].length() > 18
                || !parts[1].chars().allMatch(Character::isDigit)
                || !parts[2].equals(stream.arn())) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken.");
        }
        if (Instant.ofEpochMilli(Long.parseLong(parts[1])).plus(NEXT_TOKEN_TTL).isBefore(clock.instant())) {
            throw AwsErrorType.EXPIRED_NEXT_TOKEN.exception("The nextToken has expired.");
        }
        return parts[3];
    }
}
