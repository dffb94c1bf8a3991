package dev.shardline.firehose.deliverystream;

import dev.shardline.platform.error.Validation;
import java.util.regex.Pattern;

/** AWS's constraints on a delivery stream's name, in the Firehose API model's words and ranges. */
public final class DeliveryStreamConstraints {

    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private DeliveryStreamConstraints() {}

    public static void name(Validation v, String member, String name) {
        v.length(member, name, 1, 64).pattern(member, name, NAME);
    }
}
