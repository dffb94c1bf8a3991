package dev.shardline.streams.record;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.seal.AesGcm;
import dev.shardline.streams.StreamsProperties;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Shard iterators: a position in a shard sealed with the platform's {@link AesGcm} under a server secret, so clients cannot forge or alter
 * them. The shape follows AWS: base64 of the 8-byte header {@code 00 00 00 00 00 00 00 01} and an encrypted payload,
 * 152 bytes in all. The secret lives in PostgreSQL, sealed ({@link IteratorSecret}), so every instance, and the next
 * start, accepts the same iterators.
 */
@Component
class ShardIterators {

    private static final byte[] HEADER = {0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte VERSION = 1;
    private static final byte[] NO_AAD = new byte[0];
    // Padding the plaintext to 116 bytes makes nonce + ciphertext + tag 144 bytes: whole AES blocks, as AWS's are.
    private static final int PLAINTEXT_BYTES = 116;

    private final IteratorSecret secret;
    private final StreamsProperties properties;
    private final Clock clock;
    private volatile byte[] key;

    ShardIterators(IteratorSecret secret, StreamsProperties properties, Clock clock) {
        this.secret = secret;
        this.properties = properties;
        this.clock = clock;
    }

    /** Where an iterator points: the stream (by immutable id), the shard, the next offset to read. */
    record Position(UUID streamId, int shardIndex, long offset, Instant issuedAt) {}

    String issue(UUID streamId, int shardIndex, long offset) {
        ByteBuffer plain = ByteBuffer.allocate(PLAINTEXT_BYTES)
                .put(VERSION)
                .putLong(streamId.getMostSignificantBits())
                .putLong(streamId.getLeastSignificantBits())
                .putInt(shardIndex)
                .putLong(offset)
                .putLong(clock.millis());
        return Base64.getEncoder().encodeToString(AesGcm.seal(key(), HEADER, NO_AAD, plain.array()));
    }

    /** The position an iterator names; InvalidArgumentException when forged, ExpiredIteratorException when old. */
    Position open(String iterator) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(iterator);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.length != HEADER.length + AesGcm.NONCE_BYTES + PLAINTEXT_BYTES + AesGcm.TAG_BYTES
                || !Arrays.equals(raw, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw invalid();
        }
        byte[] plain;
        try {
            plain = AesGcm.open(key(), raw, HEADER.length, NO_AAD);
        } catch (AesGcm.TamperedException tampered) {
            throw invalid();
        }
        ByteBuffer in = ByteBuffer.wrap(plain);
        if (in.get() != VERSION) {
            throw invalid();
        }
        UUID streamId = new UUID(in.getLong(), in.getLong());
        int shardIndex = in.getInt();
        long offset = in.getLong();
        Instant issuedAt = Instant.ofEpochMilli(in.getLong());
        Instant now = clock.instant();
        if (issuedAt.plus(properties.iteratorTtl()).isBefore(now)) {
            throw AwsErrorType.EXPIRED_ITERATOR.exception("Iterator expired. The iterator was created at time "
                    + AwsTime.format(issuedAt) + " while right now it is " + AwsTime.format(now)
                    + " which is further in the future than the tolerated delay of "
                    + properties.iteratorTtl().toMillis() + " milliseconds.");
        }
        return new Position(streamId, shardIndex, offset, issuedAt);
    }

    /** Reads the secret at start, so a plain one left by an older version is sealed before any iterator is asked for. */
    @EventListener(ApplicationReadyEvent.class)
    void loadSecret() {
        key();
    }

    private byte[] key() {
        byte[] current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = secret.load();
                }
                current = key;
            }
        }
        return current;
    }

    private static RuntimeException invalid() {
        return AwsErrorType.INVALID_ARGUMENT.exception("Invalid ShardIterator.");
    }
}
