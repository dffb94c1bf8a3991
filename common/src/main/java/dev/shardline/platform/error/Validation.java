package dev.shardline.platform.error;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects AWS-style constraint violations for one request and throws them together as a {@code ValidationException}
 * with AWS's wording: "1 validation error detected: Value 'x' at 'streamName' failed to satisfy constraint: ...".
 */
public final class Validation {

    private static final int MAX_ECHO = 1024;

    private final List<String> errors = new ArrayList<>();

    public static Validation of() {
        return new Validation();
    }

    public boolean required(String member, Object value) {
        if (value == null) {
            errors.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
            return false;
        }
        return true;
    }

    public Validation length(String member, String value, int min, int max) {
        if (value != null) {
            int length = value.codePointCount(0, value.length());
            if (length < min) {
                fail(member, value, "Member must have length greater than or equal to " + min);
            } else if (length > max) {
                fail(member, value, "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    public Validation length(String member, byte[] value, int min, int max) {
        if (value != null) {
            if (value.length < min) {
                errors.add("Value at '" + member + "' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to " + min);
            } else if (value.length > max) {
                errors.add("Value at '" + member + "' failed to satisfy constraint: "
                        + "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    public Validation size(String member, Collection<?> value, int min, int max) {
        if (value != null) {
            if (value.size() < min) {
                fail(member, value, "Member must have length greater than or equal to " + min);
            } else if (value.size() > max) {
                fail(member, value, "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    /** Every element of a list is present: a JSON {@code [null]} is a validation error, not a crash further on. */
    public Validation noNullElements(String member, List<?> value) {
        if (value != null) {
            for (int i = 0; i < value.size(); i++) {
                required(member + "." + (i + 1) + ".member", value.get(i));
            }
        }
        return this;
    }

    /** No NUL character: PostgreSQL cannot store one in text, and no AWS name or key allows it. */
    public Validation noNul(String member, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            fail(member, value.replace("\0", "\\0"), "Member must not contain NUL characters");
        }
        return this;
    }

    public Validation pattern(String member, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            fail(member, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return this;
    }

    public Validation range(String member, Number value, long min, long max) {
        if (value != null) {
            BigInteger number = new BigInteger(value.toString());
            if (number.compareTo(BigInteger.valueOf(min)) < 0) {
                fail(member, value, "Member must have value greater than or equal to " + min);
            } else if (number.compareTo(BigInteger.valueOf(max)) > 0) {
                fail(member, value, "Member must have value less than or equal to " + max);
            }
        }
        return this;
    }

    public Validation oneOf(String member, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(member, value, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    /** Records a failure for a member whose rule is not one of the above. */
    public Validation fail(String member, Object value, String constraint) {
        errors.add("Value '" + echo(value) + "' at '" + member + "' failed to satisfy constraint: " + constraint);
        return this;
    }

    /** The offending value as the message repeats it; a hostile megabyte-long value is cut short. */
    private static String echo(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (errors.isEmpty()) {
            return;
        }
        String count =
                errors.size() == 1 ? "1 validation error detected: " : errors.size() + " validation errors detected: ";
        throw AwsErrorType.VALIDATION.exception(count + String.join("; ", errors));
    }
}
