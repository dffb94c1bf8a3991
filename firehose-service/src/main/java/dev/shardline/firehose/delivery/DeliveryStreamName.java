package dev.shardline.firehose.delivery;

import dev.shardline.platform.error.Validation;
import java.util.regex.Pattern;

/**
 * A delivery stream's name: 1 to 64 characters of {@code [a-zA-Z0-9_.-]}, the Firehose API model's rule, refused as a
 * ValidationException in AWS's words under the member that carried it ({@code deliveryStreamName}, {@code name}, ...).
 */
public record DeliveryStreamName(String value) {

    /** The member that names the delivery stream in most Firehose actions. */
    public static final String MEMBER = "deliveryStreamName";

    private static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9_.-]+");

    public DeliveryStreamName {
        Validation v = Validation.of();
        check(v, MEMBER, value);
        v.throwIfInvalid();
    }

    /**
     * Records what is wrong with {@code value} as member {@code member} in {@code v}, to be thrown with the request's
     * other violations: null, the length or the pattern.
     */
    public static void check(Validation v, String member, String value) {
        if (v.required(member, value)) {
            v.length(member, value, 1, 64).pattern(member, value, PATTERN);
        }
    }

    /** The name in member {@code member}, or the ValidationException with its and {@code v}'s earlier violations. */
    public static DeliveryStreamName of(Validation v, String member, String value) {
        check(v, member, value);
        v.throwIfInvalid();
        return new DeliveryStreamName(value);
    }

    /** The delivery stream of this name in an account and region. */
    public DeliveryStreamRef in(String accountId, String region) {
        return new DeliveryStreamRef(accountId, region, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
