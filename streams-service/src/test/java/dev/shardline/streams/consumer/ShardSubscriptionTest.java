package dev.shardline.streams.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.record.ShardCursor;
import dev.shardline.streams.record.StoredRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The subscription loop on a clock that moves one second per read: what it sends, when, and how it ends. */
class ShardSubscriptionTest {

    private static final StoredRecord RECORD = new StoredRecord("1", Instant.EPOCH, new byte[] {1}, "pk", false);

    private final StepClock clock = new StepClock();
    private final List<String> calls = new ArrayList<>();

    @Test
    void endsNormallyAfterFiveMinutesWithAHeartbeatEveryFiveSeconds() {
        ShardSubscription subscription = subscription(read -> page(List.of()), new RecordingLease());

        subscription.run(listener());

        assertThat(clock.elapsed()).isEqualTo(ShardSubscription.MAX_DURATION);
        assertThat(calls.stream().filter(c -> c.equals("event 0")).count())
                .isEqualTo(ShardSubscription.MAX_DURATION.dividedBy(ShardSubscription.HEARTBEAT));
        assertThat(calls).endsWith("release", "complete");
        assertThat(calls.stream().filter(c -> c.equals("renew")).count()).isEqualTo(29);
    }

    @Test
    void pushesRecordsAsSoonAsTheyArriveBetweenHeartbeats() {
        ShardSubscription subscription = subscription(
                read -> page(read == 2 || read == 3 ? List.of(RECORD, RECORD) : List.of()), new RecordingLease());

        subscription.run(listener());

        assertThat(calls.subList(0, 4)).containsExactly("event 0", "event 2", "event 2", "event 0");
    }

    @Test
    void aLostLeaseEndsTheSubscriptionWithItsErrorAfterReleasingIt() {
        RecordingLease lease = new RecordingLease() {
            @Override
            public void renew() {
                super.renew();
                throw AwsErrorType.RESOURCE_NOT_FOUND.exception("Consumer gone not found.");
            }
        };
        ShardSubscription subscription = subscription(read -> page(List.of()), lease);

        subscription.run(listener());

        assertThat(clock.elapsed()).isEqualTo(ShardSubscription.RENEW_EVERY);
        assertThat(calls).endsWith("renew", "release", "error ResourceNotFoundException Consumer gone not found.");
    }

    @Test
    void aFailedReadEndsWithItsAwsErrorOrAnInternalFailure() {
        subscription(
                        read -> {
                            throw AwsErrorType.RESOURCE_NOT_FOUND.exception("Stream s not found.");
                        },
                        new RecordingLease())
                .run(listener());
        subscription(
                        read -> {
                            throw new IllegalStateException("Kafka is away");
                        },
                        new RecordingLease())
                .run(listener());

        assertThat(calls)
                .containsExactly(
                        "release",
                        "error ResourceNotFoundException Stream s not found.",
                        "release",
                        "error InternalFailure null");
    }

    @Test
    void aClientThatHasGoneHearsNothingMoreAndTheLeaseIsReleased() {
        ShardSubscription subscription = subscription(read -> page(List.of()), new RecordingLease());

        subscription.run(new ShardSubscription.Listener() {
            @Override
            public void onEvent(ShardCursor.Page page) throws IOException {
                calls.add("event");
                throw new IOException("Broken pipe");
            }

            @Override
            public void onError(AwsException error) {
                calls.add("error");
            }

            @Override
            public void onComplete() {
                calls.add("complete");
            }
        });

        assertThat(calls).containsExactly("event", "release");
    }

    @Test
    void aClosedResponseStopsTheSubscriptionQuietly() {
        ShardSubscription[] subscription = new ShardSubscription[1];
        subscription[0] = subscription(
                read -> {
                    if (read == 3) {
                        subscription[0].closed();
                    }
                    return page(List.of());
                },
                new RecordingLease());

        subscription[0].run(listener());

        assertThat(calls).containsExactly("event 0", "release");
    }

    private ShardSubscription subscription(IntFunction<ShardCursor.Page> reads, ShardSubscription.Lease lease) {
        int[] read = {0};
        return new ShardSubscription(
                "s/shardId-000000000000/c",
                () -> {
                    clock.step();
                    return reads.apply(++read[0]);
                },
                lease,
                clock,
                ShardSubscription.MAX_DURATION);
    }

    private static ShardCursor.Page page(List<StoredRecord> records) {
        return new ShardCursor.Page(records, "1", 0, null);
    }

    private ShardSubscription.Listener listener() {
        return new ShardSubscription.Listener() {
            @Override
            public void onEvent(ShardCursor.Page page) {
                calls.add("event " + page.records().size());
            }

            @Override
            public void onError(AwsException error) {
                calls.add("error " + error.errorType().type() + " " + error.getMessage());
            }

            @Override
            public void onComplete() {
                calls.add("complete");
            }
        };
    }

    private class RecordingLease implements ShardSubscription.Lease {
        @Override
        public void renew() {
            calls.add("renew");
        }

        @Override
        public void release() {
            calls.add("release");
        }
    }

    /** A clock that stands still until a read moves it on by one second. */
    private static final class StepClock extends Clock {
        private final Instant start = Instant.parse("2026-11-25T00:00:00Z");
        private Instant now = start;

        void step() {
            now = now.plusSeconds(1);
        }

        Duration elapsed() {
            return Duration.between(start, now);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
