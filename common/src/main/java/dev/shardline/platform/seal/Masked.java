package dev.shardline.platform.seal;

/** How a secret appears in {@code toString()} and so in every log line: {@code ****}, or {@code null} when unset. */
public final class Masked {

    public static final String MASK = "****";

    private Masked() {}

    public static String mask(Object secret) {
        return secret == null ? null : MASK;
    }
}
