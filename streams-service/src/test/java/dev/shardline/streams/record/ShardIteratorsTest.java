package dev.shardline.streams.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.keys.SecretSeal;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.StreamsIntegrationTest;
import dev.shardline.streams.StreamsProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ShardIteratorsTest extends StreamsIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IteratorSecret secret;

    @Autowired
    SecretSeal seal;

    @Autowired
    StreamsProperties properties;

    private ShardIterators at(Instant now) {
        return new ShardIterators(secret, properties, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void anIteratorOpensToThePositionItWasIssuedFor() {
        UUID stream = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-25T12:00:00Z");

        String iterator = at(now).issue(stream, 3, 42);

        assertThat(at(now.plusSeconds(299)).open(iterator)).isEqualTo(new ShardIterators.Position(stream, 3, 42, now));
    }

    @Test
    void iteratorsHaveAwsShape() {
        byte[] raw = Base64.getDecoder().decode(at(Instant.now()).issue(UUID.randomUUID(), 0, 0));

        assertThat(raw.length).isEqualTo(152);
        assertThat(raw).startsWith(0, 0, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void anIteratorOlderThanFiveMinutesIsExpired() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        String iterator = at(now).issue(UUID.randomUUID(), 0, 0);

        assertThatThrownBy(
                        () -> at(now.plus(Duration.ofMinutes(5)).plusSeconds(1)).open(iterator))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.EXPIRED_ITERATOR))
                .hasMessageStartingWith(
                        "Iterator expired. The iterator was created at time Wed Nov 25 12:00:00 UTC 2026")
                .hasMessageEndingWith("tolerated delay of 300000 milliseconds.");
    }

    @Test
    void everyAlteredByteIsRefused() {
        Instant now = Instant.now();
        byte[] raw = Base64.getDecoder().decode(at(now).issue(UUID.randomUUID(), 1, 7));

        for (int i = 0; i < raw.length; i++) {
            byte[] altered = raw.clone();
            altered[i] ^= 0x01;
            String forged = Base64.getEncoder().encodeToString(altered);
            assertThatThrownBy(() -> at(now).open(forged))
                    .isInstanceOfSatisfying(
                            AwsException.class,
                            e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.INVALID_ARGUMENT));
        }
    }

    @Test
    void theStoredSecretIsSealedUnderTheMasterKey() {
        at(Instant.now()).issue(UUID.randomUUID(), 0, 0);

        Map<String, Object> row =
                jdbc.queryForMap("select secret, master_key_id from streams.iterator_key where id = 1");
        byte[] stored = (byte[]) row.get("secret");
        byte[] plain = seal.open(stored, (String) row.get("master_key_id"), IteratorSecret.PURPOSE);

        assertThat(row.get("master_key_id")).isEqualTo(seal.masterKeyId());
        assertThat(plain).hasSize(32);
        assertThat(indexOf(stored, plain)).isEqualTo(-1);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
