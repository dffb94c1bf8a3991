package dev.shardline.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceNumberTest {

    private static final long CREATED = 1_764_110_518L;

    @Test
    void encodesToA56DigitDecimalInAwsLayout() {
        SequenceNumber seq = new SequenceNumber(CREATED, 3, 42, CREATED + 5);

        String decimal = seq.toString();
        String hex = new BigInteger(decimal).toString(16);

        assertThat(decimal).hasSize(56);
        assertThat(hex)
                .hasSize(47)
                .startsWith("20" + Long.toHexString(CREATED) + "3")
                .endsWith("000000032");
        assertThat(hex.substring(11, 27)).isEqualTo("000000000000002a");
    }

    @Test
    void decodesBackToShardOffsetAndTimes() {
        SequenceNumber seq = new SequenceNumber(CREATED, 17, 123_456_789L, CREATED + 60);

        assertThat(SequenceNumber.parse(seq.toString())).contains(seq);
    }

    @Test
    void increasesWithTheOffsetWithinAShardWhateverTheArrivalTime() {
        BigInteger earlier = new SequenceNumber(CREATED, 0, 9, CREATED + 100).toBigInteger();
        BigInteger later = new SequenceNumber(CREATED, 0, 10, CREATED + 1).toBigInteger();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void refusesNumbersItDidNotIssue() {
        assertThat(SequenceNumber.parse("12345")).isEmpty();
        assertThat(SequenceNumber.parse("abc")).isEmpty();
        assertThat(SequenceNumber.parse("")).isEmpty();
        String valid = new SequenceNumber(CREATED, 2, 1, CREATED).toString();
        String wrongLowDigit = new BigInteger(
                        new BigInteger(valid).toString(16).substring(0, 10) + "9"
                                + new BigInteger(valid).toString(16).substring(11),
                        16)
                .toString();
        assertThat(SequenceNumber.parse(wrongLowDigit)).isEmpty();
    }

    @Test
    void decodesShardlinesOwnNumbersAsAwsReadsThem() {
        SequenceNumber seq = new SequenceNumber(CREATED, 17, 123_456_789L, CREATED + 60);

        assertThat(SequenceNumber.decode(seq.toString()))
                .contains(new SequenceNumber.Decoded(2, 17, CREATED, OptionalLong.of(CREATED + 60)));
        assertThat(SequenceNumber.decode(new SequenceNumber(CREATED, 0, 0, 0).toString()))
                .contains(new SequenceNumber.Decoded(2, 0, CREATED, OptionalLong.of(0)));
    }

    /** A small number is in AWS's oldest layout: "5" encodes shard 5 (recorded against AWS by kinesalite). */
    @Test
    void readsASmallNumberAsVersion0WithItsShardInTheLastFourHexDigits() {
        assertThat(SequenceNumber.decode("5")).contains(new SequenceNumber.Decoded(0, 5, 0, OptionalLong.empty()));
        assertThat(SequenceNumber.decode("0"))
                .get()
                .extracting(SequenceNumber.Decoded::shardId)
                .isEqualTo("shardId-000000000000");
    }

    @Test
    void readsVersion1FromItsLastDigit() {
        String hex = "2" + "0" + hex8(CREATED) + "3" + "00" + "0" + hex8(CREATED + 9) + "00000000000000" + "00"
                + "00000003" + "1";

        assertThat(hex).hasSize(47);
        assertThat(SequenceNumber.decode(new BigInteger(hex, 16).toString()))
                .contains(new SequenceNumber.Decoded(1, 3, CREATED, OptionalLong.of(CREATED + 9)));
        assertThat(SequenceNumber.parse(new BigInteger(hex, 16).toString())).isEmpty();
    }

    /** AWS reads the shard index of version 2 as a signed 32-bit number. */
    @Test
    void readsAHighShardIndexAsNegativeAndNamesItAsAwsDoes() {
        String decimal = hexToDecimal("20000000000000000000000000000000000000800000002");

        assertThat(SequenceNumber.decode(decimal)).get().satisfies(d -> {
            assertThat(d.shardIndex()).isEqualTo(-2_147_483_648L);
            assertThat(d.shardId()).isEqualTo("shardId--02147483648");
        });
        assertThat(SequenceNumber.parse(decimal)).isEmpty();
    }

    /** Each refused the way kinesalite recorded AWS refusing it. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "20000000000000000000000000000000000000000000000", // version 0 at this length
                "20000000000000000000000000000000000000000000003", // version 3
                "20000000000000000000000000000000000000000000004", // version 4
                "30000000000000000000000000000000000000000000001", // a leading 3
                "1ffffffffff7fffffffffffffff000000000007fffffff2", // a leading 1, too long for version 0
                "20000000000800000000000000000000000000000000002", // 8 in the counter's first digit
                "2ffffffffff7fffffffffffffff000000000007fffffff2", // shard created far in the future
                "13bb2cc3d80000000000000000000000" // version 0 created in the year 2477
            })
    void refusesWhatAwsRefuses(String hex) {
        assertThat(SequenceNumber.decode(hexToDecimal(hex))).isEmpty();
    }

    @Test
    void refusesWhatIsNoNumber() {
        assertThat(SequenceNumber.decode("")).isEmpty();
        assertThat(SequenceNumber.decode("12a")).isEmpty();
        assertThat(SequenceNumber.decode(null)).isEmpty();
    }

    @Test
    void acceptsTheLastCreationTimeBeforeAwsBound() {
        assertThat(SequenceNumber.decode(hexToDecimal("13bb2cc3d70000000000000000000000")))
                .get()
                .extracting(SequenceNumber.Decoded::shardCreationSeconds)
                .isEqualTo(16_025_174_999L);
    }

    @Test
    void knowsWhetherItsRecordTimeLiesInTheFuture() {
        Instant now = Instant.ofEpochSecond(CREATED + 10);
        SequenceNumber.Decoded past = SequenceNumber.decode(new SequenceNumber(CREATED, 0, 1, CREATED + 10).toString())
                .orElseThrow();
        SequenceNumber.Decoded future = SequenceNumber.decode(
                        new SequenceNumber(CREATED, 0, 1, CREATED + 11).toString())
                .orElseThrow();

        assertThat(past.isAfter(now)).isFalse();
        assertThat(future.isAfter(now)).isTrue();
        assertThat(SequenceNumber.decode("5").orElseThrow().isAfter(now)).isFalse();
    }

    private static String hex8(long value) {
        return String.format("%08x", value);
    }

    private static String hexToDecimal(String hex) {
        return new BigInteger(hex, 16).toString();
    }
}
