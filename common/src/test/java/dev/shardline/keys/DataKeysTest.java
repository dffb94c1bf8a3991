package dev.shardline.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DataKeysTest {

    private static final KeyScope SCOPE = new KeyScope("000000000000", "us-east-1");

    private final FakeKeyService keyService = new FakeKeyService();
    private final MutableClock clock = new MutableClock();
    private final DataKeys dataKeys = new DataKeys(
            keyService,
            new KmsProperties(
                    KmsProperties.Provider.LOCAL,
                    null,
                    Duration.ofMinutes(5),
                    1_000,
                    100,
                    new KmsProperties.Aws(null, null)),
            clock);

    @Test
    void aStreamKeepsItsDataKeyForTheReusePeriod() {
        DataKey first = dataKeys.forEncryption("stream-a", SCOPE, "alias/aws/kinesis", 1);
        clock.advance(Duration.ofMinutes(4));

        assertThat(dataKeys.forEncryption("stream-a", SCOPE, "alias/aws/kinesis", 1))
                .isSameAs(first);
        clock.advance(Duration.ofMinutes(1));

        assertThat(dataKeys.forEncryption("stream-a", SCOPE, "alias/aws/kinesis", 1))
                .isNotSameAs(first);
        assertThat(keyService.generated).hasValue(2);
    }

    @Test
    void aDataKeyEncryptsAtMostMaxRecordsRecords() {
        DataKey first = dataKeys.forEncryption("stream-a", SCOPE, "k", 500);

        assertThat(dataKeys.forEncryption("stream-a", SCOPE, "k", 500)).isSameAs(first);
        assertThat(dataKeys.forEncryption("stream-a", SCOPE, "k", 1)).isNotSameAs(first);
    }

    @Test
    void streamsAndKeysDoNotShareDataKeys() {
        DataKey a = dataKeys.forEncryption("stream-a", SCOPE, "k", 1);

        assertThat(dataKeys.forEncryption("stream-b", SCOPE, "k", 1)).isNotSameAs(a);
        assertThat(dataKeys.forEncryption("stream-a", SCOPE, "other", 1)).isNotSameAs(a);
        assertThat(keyService.generated).hasValue(3);
    }

    @Test
    void aWrappedDataKeyIsUnwrappedOncePerPeriod() {
        DataKey key = keyService.generateDataKey(SCOPE, "k");

        assertThat(dataKeys.plaintextOf(key.wrappedKey())).isEqualTo(key.plaintextKey());
        assertThat(dataKeys.plaintextOf(key.wrappedKey().clone())).isEqualTo(key.plaintextKey());
        assertThat(keyService.decrypted).hasValue(1);

        clock.advance(Duration.ofMinutes(5));
        dataKeys.plaintextOf(key.wrappedKey());
        assertThat(keyService.decrypted).hasValue(2);
    }

    @Test
    void aWriterReadsItsOwnDataKeysBackWithoutAskingTheKeyService() {
        DataKey key = dataKeys.forEncryption("stream-a", SCOPE, "k", 1);

        assertThat(dataKeys.plaintextOf(key.wrappedKey())).isEqualTo(key.plaintextKey());
        assertThat(keyService.decrypted).hasValue(0);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
