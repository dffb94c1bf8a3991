package dev.shardline.local.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * One request the fuzzer sends, with what made it: replayed by running the fuzz test with the same seed and
 * {@code -Dshardline.fuzz.case=index}.
 */
record FuzzCase(
        long index,
        Operation operation,
        String mutation,
        String method,
        String path,
        Map<String, String> headers,
        byte[] body,
        boolean cbor) {

    /** The request, short enough to print: JSON as text, CBOR as hex, each cut at 600 characters. */
    String describe() {
        String shown = cbor
                ? HexFormat.of().formatHex(body, 0, Math.min(body.length, 300))
                : new String(body, 0, Math.min(body.length, 600), StandardCharsets.UTF_8);
        String shownPath = path.length() > 300 ? path.substring(0, 300) + "...(" + path.length() + " chars)" : path;
        return method + " " + shownPath + " " + headers + " (" + body.length + " bytes) " + shown
                + (body.length > 600 ? "..." : "");
    }
}
