package dev.shardline.streams.consumer.web;

import dev.shardline.platform.aws.AwsStreamingResponse;
import dev.shardline.platform.aws.AwsWireFormat;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.consumer.ShardSubscription;
import dev.shardline.streams.consumer.ShardSubscriptions;
import dev.shardline.streams.consumer.web.ConsumerShapes.SubscribeToShardEvent;
import dev.shardline.streams.record.ShardCursor;
import dev.shardline.streams.record.web.RecordShapes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * SubscribeToShard's response: an {@code application/vnd.amazon.eventstream} of an {@code initial-response} event,
 * then {@code SubscribeToShardEvent}s, and at the end perhaps an exception message. Payloads are encoded as the request
 * was (CBOR or JSON); the framing is the AWS SDK's own event-stream library.
 */
final class ShardEventStream implements AwsStreamingResponse {

    private static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
    /** A margin over the subscription's own end, after which the endpoint gives up on it. */
    private static final Duration TIMEOUT_MARGIN = Duration.ofMinutes(1);

    private final ShardSubscriptions subscriptions;
    private final ShardSubscription subscription;

    ShardEventStream(ShardSubscriptions subscriptions, ShardSubscription subscription) {
        this.subscriptions = subscriptions;
        this.subscription = subscription;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public Duration timeout() {
        return subscription.maxDuration().plus(TIMEOUT_MARGIN);
    }

    @Override
    public void start(AwsWireFormat wire, Sink sink) {
        sink.onClose(subscription::closed);
        Events events = new Events(wire, sink);
        try {
            sink.write(events.event("initial-response", Map.of()));
        } catch (IOException gone) {
            subscription.closed();
        }
        subscriptions.start(subscription, events);
    }

    private record Events(AwsWireFormat wire, Sink sink) implements ShardSubscription.Listener {

        @Override
        public void onEvent(ShardCursor.Page page) throws IOException {
            SubscribeToShardEvent event = new SubscribeToShardEvent(
                    page.records().stream().map(RecordShapes::record).toList(),
                    page.continuationSequenceNumber(),
                    page.millisBehindLatest(),
                    page.endOfShard()
                            ? page.childShards().stream()
                                    .<Object>map(RecordShapes::childShard)
                                    .toList()
                            : null);
            sink.write(event("SubscribeToShardEvent", event));
        }

        @Override
        public void onError(AwsException error) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(":message-type", "exception");
            headers.put(":exception-type", error.errorType().type());
            headers.put(":content-type", wire.contentType());
            Map<String, String> body = error.getMessage() == null ? Map.of() : Map.of("message", error.getMessage());
            try {
                sink.write(frame(headers, wire.mapper().writeValueAsBytes(body)));
            } catch (IOException gone) {
                // Nobody left to tell.
            } finally {
                sink.complete();
            }
        }

        @Override
        public void onComplete() {
            sink.complete();
        }

        byte[] event(String type, Object payload) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(":message-type", "event");
            headers.put(":event-type", type);
            headers.put(":content-type", wire.contentType());
            return frame(headers, wire.mapper().writeValueAsBytes(payload));
        }

        // The SDK reads every header of a message as a string.
        private static byte[] frame(Map<String, String> headers, byte[] payload) {
            Map<String, HeaderValue> values = new LinkedHashMap<>();
            headers.forEach((name, value) -> values.put(name, HeaderValue.fromString(value)));
            ByteBuffer buffer = new Message(values, payload).toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
    }
}
