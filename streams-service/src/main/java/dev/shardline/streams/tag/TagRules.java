package dev.shardline.streams.tag;

import dev.shardline.platform.error.AwsErrorType;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules on tag contents that AWS checks beyond the model, answered as InvalidArgumentException. */
final class TagRules {

    /** AWS's tag character set: Unicode letters, digits, white space and {@code _ . : / = + - @}. */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private static final String RESERVED_PREFIX = "aws:";

    private TagRules() {}

    static void checkAdd(TaggedResource resource, Map<String, String> tags) {
        check(resource, "add tags to", tags.keySet());
        if (!tags.values().stream().allMatch(value -> ALLOWED.matcher(value).matches())) {
            throw illegalCharacters(resource, "add tags to");
        }
    }

    static void checkRemove(TaggedResource resource, Collection<String> keys) {
        check(resource, "remove tags from", keys);
    }

    private static void check(TaggedResource resource, String action, Collection<String> keys) {
        if (!keys.stream().allMatch(key -> ALLOWED.matcher(key).matches())) {
            throw illegalCharacters(resource, action);
        }
        if (keys.stream().anyMatch(key -> key.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX))) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(failed(resource, action)
                    + "because tag keys that start with '" + RESERVED_PREFIX + "' are reserved for AWS use.");
        }
    }

    static RuntimeException tooMany(TaggedResource resource, int max) {
        return AwsErrorType.INVALID_ARGUMENT.exception(failed(resource, "add tags to") + "because a given "
                + resource.kind() + " cannot have more than " + max + " tags associated with it.");
    }

    private static RuntimeException illegalCharacters(TaggedResource resource, String action) {
        return AwsErrorType.INVALID_ARGUMENT.exception(failed(resource, action)
                + "because some tags contained illegal characters. The allowed characters are Unicode letters, "
                + "digits, white space and _ . : / = + - @.");
    }

    private static String failed(TaggedResource resource, String action) {
        return "Failed to " + action + " " + resource.described() + " ";
    }
}
