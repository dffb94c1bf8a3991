package dev.shardline.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

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
}
