package dev.shardline.local.fuzz;

/**
 * A value that no well-formed JSON tree can hold but a client can still send: a non-finite or huge number, a string
 * with a lone surrogate or bytes that are not UTF-8, nesting deeper than any parser should follow.
 */
record Special(Kind kind, int size, byte[] bytes) {

    enum Kind {
        NAN,
        POSITIVE_INFINITY,
        NEGATIVE_INFINITY,
        HUGE_INTEGER,
        HUGE_EXPONENT,
        LONG_DECIMAL,
        LONE_SURROGATE,
        INVALID_UTF8,
        DEEP_ARRAYS,
        DEEP_OBJECTS
    }

    static Special of(Kind kind) {
        return new Special(kind, 0, null);
    }

    @Override
    public String toString() {
        return kind + (size > 0 ? "(" + size + ")" : "");
    }
}
