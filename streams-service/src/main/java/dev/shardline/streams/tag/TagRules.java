package dev.shardline.streams.tag;

import dev.shardline.platform.error.AwsErrorType;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules on tag contents that AWS checks beyond the model, answered as InvalidArgumentException. */
final class TagRules {

    /**
     * The characters AWS lets into a tag at first (Unicode letters, digits, white space and {@code _ . : / = + - % @});
     * anything else is "Some tags contain invalid characters".
     */
    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]*");

    /** Then {@code %}, which that first check lets through, is refused as an illegal character, in other words. */
    private static final String ILLEGAL = "%";

    private static final String RESERVED_PREFIX = "aws:";

    private TagRules() {}

    static void checkAdd(TaggedResource resource, Map<String, String> tags) {
        checkCharacters(resource, "add tags to", tags.keySet(), tags.values());
        checkReserved(resource, "add tags to", tags.keySet());
    }

    static void checkRemove(TaggedResource resource, Collection<String> keys) {
        checkCharacters(resource, "remove tags from", keys, java.util.List.of());
        checkReserved(resource, "remove tags from", keys);
    }

    /** AWS's two checks on characters, with its two texts, keys and values alike (as kinesalite recorded them). */
    private static void checkCharacters(
            TaggedResource resource, String action, Collection<String> keys, Collection<String> values) {
        if (!keys.stream().allMatch(key -> VALID.matcher(key).matches())
                || !values.stream().allMatch(value -> VALID.matcher(value).matches())) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Some tags contain invalid characters. Valid characters: "
                    + "Unicode letters, digits, white space, _ . / = + - % @.");
        }
        if (keys.stream().anyMatch(key -> key.contains(ILLEGAL))
                || values.stream().anyMatch(value -> value.contains(ILLEGAL))) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(failed(resource, action)
                    + "because some tags contained illegal characters. The allowed characters are Unicode letters, "
                    + "white-spaces, '_',',','/','=','+','-','@'.");
        }
    }

    private static void checkReserved(TaggedResource resource, String action, Collection<String> keys) {
        if (keys.stream().anyMatch(key -> key.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX))) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(failed(resource, action)
                    + "because tag keys that start with '" + RESERVED_PREFIX + "' are reserved for AWS use.");
        }
    }

    static RuntimeException tooMany(TaggedResource resource, int max) {
        return AwsErrorType.INVALID_ARGUMENT.exception(failed(resource, "add tags to") + "because a given "
                + resource.kind() + " cannot have more than " + max + " tags associated with it.");
    }

    private static String failed(TaggedResource resource, String action) {
        return "Failed to " + action + " " + resource.described() + " ";
    }
}
