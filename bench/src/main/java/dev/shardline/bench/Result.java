package dev.shardline.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One {@code RESULT key=value ...} line per phase: bench/run.sh parses these, so keys are stable and unquoted. */
final class Result {

    private final Map<String, String> fields = new LinkedHashMap<>();

    private Result(String name, String phase) {
        fields.put("name", name);
        fields.put("phase", phase);
    }

    static Result of(String name, String phase) {
        return new Result(name, phase);
    }

    Result add(String key, long value) {
        fields.put(key, Long.toString(value));
        return this;
    }

    Result add(String key, double value) {
        fields.put(key, String.format(Locale.ROOT, "%.2f", value));
        return this;
    }

    Result add(String key, String value) {
        // Values stay single tokens so `awk`/`cut` can split the line on spaces.
        fields.put(key, value.replaceAll("\\s+", "_"));
        return this;
    }

    String line() {
        StringBuilder line = new StringBuilder("RESULT");
        fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.toString();
    }
}
