package dev.shardline.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.Path;

/**
 * jq 1.6's {@code strftime/1}, which jackson-jq lacks and AWS's own MetadataExtraction examples use
 * ({@code .event_timestamp|strftime("%Y")}): epoch seconds, or jq's broken-down time, formatted in UTC.
 */
final class JqStrftime implements Function {

    @Override
    public void apply(Scope scope, List<Expression> args, JsonNode in, Path path, PathOutput output, Version version)
            throws JsonQueryException {
        ZonedDateTime time = time(in);
        args.get(0).apply(scope, in, format -> {
            if (!format.isTextual()) {
                throw new JsonQueryException("strftime/1 requires a string format");
            }
            output.emit(new TextNode(format(time, format.asText())), null);
        });
    }

    private static ZonedDateTime time(JsonNode in) throws JsonQueryException {
        if (in.isNumber()) {
            return Instant.ofEpochMilli((long) (in.asDouble() * 1000)).atZone(ZoneOffset.UTC);
        }
        // gmtime's output: [seconds, minutes, hours, day of month, month (0-11), year, day of week, day of year]
        if (in.isArray() && in.size() >= 6) {
            return ZonedDateTime.of(
                    in.get(5).asInt(),
                    in.get(4).asInt() + 1,
                    in.get(3).asInt(),
                    in.get(2).asInt(),
                    in.get(1).asInt(),
                    (int) in.get(0).asDouble(),
                    0,
                    ZoneOffset.UTC);
        }
        throw new JsonQueryException("strftime/1 requires parsed datetime inputs");
    }

    static String format(ZonedDateTime t, String format) throws JsonQueryException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char spec = format.charAt(++i);
            switch (spec) {
                case 'Y' -> out.append(t.getYear());
                case 'y' -> out.append(two(t.getYear() % 100));
                case 'm' -> out.append(two(t.getMonthValue()));
                case 'd' -> out.append(two(t.getDayOfMonth()));
                case 'e' -> out.append(String.format("%2d", t.getDayOfMonth()));
                case 'H' -> out.append(two(t.getHour()));
                case 'M' -> out.append(two(t.getMinute()));
                case 'S' -> out.append(two(t.getSecond()));
                case 'j' -> out.append(String.format("%03d", t.getDayOfYear()));
                case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
                case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
                case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
                case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
                case 'u' -> out.append(t.getDayOfWeek().getValue());
                case 'w' -> out.append(t.getDayOfWeek().getValue() % 7);
                case 's' -> out.append(t.toEpochSecond());
                case 'F' -> out.append(format(t, "%Y-%m-%d"));
                case 'T' -> out.append(format(t, "%H:%M:%S"));
                case 'Z' -> out.append("UTC");
                case 'z' -> out.append("+0000");
                case '%' -> out.append('%');
                default -> throw new JsonQueryException("strftime/1: unsupported conversion %" + spec);
            }
        }
        return out.toString();
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
