package dev.shardline.local.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names of real resources the fuzzer created, by service and member name ({@code Kinesis.StreamName}), so that a
 * generated request sometimes reaches an existing stream rather than stopping at ResourceNotFound. Names it invents
 * come from a small fixed set, so that fuzzing creates a bounded number of streams, topics and applications.
 */
final class Resources {

    /** Names the fuzzer may create, delete and reshard; the ledger stream is never among them. */
    static final List<String> INVENTED = List.of("fuzz-a", "fuzz-b", "fuzz-c");

    private static final String ACCOUNT = "000000000000";
    private final Map<String, List<String>> real = new ConcurrentHashMap<>();

    void add(String service, String member, String value) {
        real.computeIfAbsent(service + "." + member, k -> new ArrayList<>()).add(value);
    }

    /** A real value for this member, half of the time where one is known; null otherwise. */
    String pick(Random random, String service, String member) {
        List<String> values = real.get(service + "." + member);
        if (values == null || values.isEmpty() || random.nextBoolean()) {
            return null;
        }
        return values.get(random.nextInt(values.size()));
    }

    List<String> all(String member) {
        List<String> values = new ArrayList<>();
        real.forEach((key, list) -> {
            if (key.endsWith("." + member)) {
                values.addAll(list);
            }
        });
        return values;
    }

    /** Values to try in turn for a string member, the first that fits the member's pattern is used. */
    static List<String> candidates(Random random, String service, String member, int length) {
        String name = INVENTED.get(random.nextInt(INVENTED.size()));
        String lower = member.toLowerCase(java.util.Locale.ROOT);
        List<String> candidates = new ArrayList<>();
        if (lower.endsWith("arn")) {
            String kind = switch (service) {
                case "Kinesis" -> "kinesis:us-east-1:" + ACCOUNT + ":stream/" + name;
                case "Firehose" -> "firehose:us-east-1:" + ACCOUNT + ":deliverystream/" + name;
                case "Kinesis Analytics V2" -> "kinesisanalytics:us-east-1:" + ACCOUNT + ":application/" + name;
                default -> "kinesisvideo:us-east-1:" + ACCOUNT + ":stream/" + name + "/1700000000000";
            };
            candidates.add("arn:aws:" + kind);
            candidates.add("arn:aws:iam::" + ACCOUNT + ":role/" + name);
            candidates.add("arn:aws:s3:::" + name);
            candidates.add("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + name);
        }
        if (lower.endsWith("name") || lower.endsWith("id")) {
            candidates.add(name);
        }
        candidates.add(alphanumeric(random, length));
        candidates.add(String.valueOf(random.nextInt(1000)));
        candidates.add("https://example.com/" + name);
        candidates.add("12:00");
        candidates.add("us-east-1");
        return candidates;
    }

    static String alphanumeric(Random random, int length) {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(chars.charAt(random.nextInt(chars.length())));
        }
        return out.toString();
    }
}
