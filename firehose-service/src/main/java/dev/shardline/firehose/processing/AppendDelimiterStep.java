package dev.shardline.firehose.processing;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.PendingBatch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** AppendDelimiterToRecord: each record gets the delimiter at its end, a newline unless configured otherwise. */
final class AppendDelimiterStep implements ProcessorStep {

    private final byte[] delimiter;

    AppendDelimiterStep(String delimiter) {
        this.delimiter = unescape(delimiter == null ? "\\n" : delimiter).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Result apply(DeliveryStreamView stream, PendingBatch batch, List<ProcessingRecord> records) {
        Result result = Result.collecting();
        for (ProcessingRecord record : records) {
            byte[] data = Arrays.copyOf(record.data(), record.data().length + delimiter.length);
            System.arraycopy(delimiter, 0, data, record.data().length, delimiter.length);
            result.pass(record.withData(data));
        }
        return result;
    }

    /**
     * The parameter as the console and CloudFormation write it: {@code \n} is two characters there, as the API model
     * refuses a blank value. Java-style escapes are read; anything else is taken literally.
     */
    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '0' -> out.append('\0');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    if (i + 4 < value.length() && value.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }
}
