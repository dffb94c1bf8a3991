package dev.shardline.video.media;

import java.math.BigInteger;
import java.time.Instant;

/**
 * Fragment numbers in AWS's form: a decimal string of 47 digits that grows with each fragment of a stream. Here it
 * is 2^155 plus the server's arrival time in milliseconds shifted past a 64-bit counter, so numbers order by arrival
 * and two fragments never share one; the fixed width makes their text order their numeric order.
 */
final class FragmentNumbers {

    private static final BigInteger BASE = BigInteger.ONE.shiftLeft(155);

    private FragmentNumbers() {}

    static String of(Instant serverTime, long counter) {
        return BASE.add(BigInteger.valueOf(serverTime.toEpochMilli()).shiftLeft(64))
                .add(BigInteger.valueOf(counter))
                .toString();
    }
}
