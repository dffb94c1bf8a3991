package dev.shardline.local.fuzz;

import java.util.List;
import java.util.Random;

/** Values that have broken servers before: path tricks, injections, control and odd Unicode characters. */
final class Hostile {

    private static final List<String> STRINGS = List.of(
            "",
            " ",
            "../../../../etc/passwd",
            "..%2F..%2Fetc%2Fpasswd",
            "%00",
            "a\u0000b",
            "' OR '1'='1' --",
            "\"; DROP TABLE streams; --",
            "${jndi:ldap://127.0.0.1/x}",
            "#{7*7}",
            "<script>alert(1)</script>",
            "\r\nX-Injected: 1",
            "\u202e\u2066\u00ad",
            "\uFEFFbom",
            "\uD83D\uDCA5\uD835\uDD4F",
            "null",
            "-1",
            "9223372036854775808",
            "shardId-",
            "shardId-99999999999999999999",
            "arn:aws:kinesis:us-east-1:000000000000:stream/",
            "arn:aws:kinesis:us-east-1:000000000000:stream/fuzz-a/consumer/x:",
            "\t\u000b\f");

    private Hostile() {}

    static String string(Random random) {
        int pick = random.nextInt(STRINGS.size() + 3);
        if (pick == STRINGS.size()) {
            return "a".repeat(256 + random.nextInt(2));
        }
        if (pick == STRINGS.size() + 1) {
            return "x".repeat(1 << (10 + random.nextInt(8)));
        }
        if (pick == STRINGS.size() + 2) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                out.append((char) random.nextInt(0x20));
            }
            return out.toString();
        }
        return STRINGS.get(pick);
    }
}
