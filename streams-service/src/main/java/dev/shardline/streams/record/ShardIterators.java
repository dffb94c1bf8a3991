package dev.shardline.streams.record;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.StreamsProperties;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Shard iterators: a position in a shard sealed with AES-GCM under a server secret, so clients cannot forge or alter
 * them. The shape follows AWS: base64 of the 8-byte header {@code 00 00 00 00 00 00 00 01} and an encrypted payload,
 * 152 bytes in all. The secret lives in PostgreSQL so every instance, and the next start, accepts the same iterators.
 */
@Component
class ShardIterators {

    private static final byte[] HEADER = {0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    // Padding the plaintext to 116 bytes makes nonce + ciphertext + tag 144 bytes: whole AES blocks, as AWS's are.
    private static final int PLAINTEXT_BYTES = 116;

    private final JdbcTemplate jdbc;
    private final StreamsProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    ShardIterators(JdbcTemplate jdbc, StreamsProperties properties, Clock clock) {
        this.jdbc = jdbc;
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
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, plain.array());
        ByteBuffer out = ByteBuffer.allocate(HEADER.length + NONCE_BYTES + sealed.length)
                .put(HEADER)
                .put(nonce)
                .put(sealed);
        return Base64.getEncoder().encodeToString(out.array());
    }

    /** The position an iterator names; InvalidArgumentException when forged, ExpiredIteratorException when old. */
    Position open(String iterator) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(iterator);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.length != HEADER.length + NONCE_BYTES + PLAINTEXT_BYTES + TAG_BITS / 8
                || !Arrays.equals(raw, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw invalid();
        }
        byte[] nonce = Arrays.copyOfRange(raw, HEADER.length, HEADER.length + NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(raw, HEADER.length + NONCE_BYTES, raw.length);
        byte[] plain;
        try {
            plain = crypt(Cipher.DECRYPT_MODE, nonce, sealed);
        } catch (IllegalStateException tampered) {
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

    private byte[] crypt(int mode, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Shard iterator could not be sealed or opened", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    byte[] candidate = new byte[32];
                    random.nextBytes(candidate);
                    jdbc.update(
                            "insert into streams.iterator_key (id, secret) values (1, ?) on conflict (id) do nothing",
                            (Object) candidate);
                    byte[] secret =
                            jdbc.queryForObject("select secret from streams.iterator_key where id = 1", byte[].class);
                    key = new SecretKeySpec(secret, "AES");
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
