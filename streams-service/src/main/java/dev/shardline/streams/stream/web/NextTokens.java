package dev.shardline.streams.stream.web;

import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/** The opaque, expiring pagination tokens of ListStreams and ListShards; a token is tied to the caller's account. */
public final class NextTokens {

    private static final Duration NEXT_TOKEN_TTL = Duration.ofMinutes(5);

    private NextTokens() {}

    public static String encode(AwsRequestContext ctx, Clock clock, String... parts) {
        String joined = ctx.accountId() + "\n" + clock.millis() + "\n" + String.join("\n", parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The parts a token carries; InvalidArgumentException for a token that is not ours, ExpiredNextToken when old. */
    public static String[] decode(String token, AwsRequestContext ctx, Clock clock) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken.");
        }
        if (parts.length < 3
                || !parts[0].equals(ctx.accountId())
                || !parts[1].chars().allMatch(Character::isDigit)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken.");
        }
        Instant issued = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        if (issued.plus(NEXT_TOKEN_TTL).isBefore(clock.instant())) {
            throw AwsErrorType.EXPIRED_NEXT_TOKEN.exception("The nextToken has expired.");
        }
        return Arrays.copyOfRange(parts, 2, parts.length);
    }
}
