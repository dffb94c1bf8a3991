package dev.shardline.firehose.destination.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redshift's JSON 'auto': a staged object holds JSON objects (one after another, with or without whitespace between
 * them, as Firehose concatenates records); each becomes one row whose columns take the values of the keys of the
 * same name. A missing key or a JSON null loads as NULL, nested objects and arrays as their JSON text. The rows are
 * written as CSV, which PostgreSQL's COPY then reads.
 */
final class JsonRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonRows() {}

    /** Writes one CSV row per JSON object of {@code in} to {@code out}; returns the number of rows. */
    static long toCsv(InputStream in, List<String> columns, boolean ignoreCase, OutputStream out) throws IOException {
        List<String> keys = columns.stream().map(JsonRows::unquote).toList();
        Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        long rows = 0;
        try (MappingIterator<JsonNode> objects = JSON.readerFor(JsonNode.class).readValues(in)) {
            while (objects.hasNext()) {
                JsonNode object = objects.next();
                if (!object.isObject()) {
                    throw new IOException("JSON 'auto' expects objects, found " + object.getNodeType());
                }
                Map<String, JsonNode> values = ignoreCase ? lowerCased(object) : null;
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        csv.write(',');
                    }
                    String key = keys.get(i);
                    JsonNode value = ignoreCase ? values.get(key.toLowerCase(Locale.ROOT)) : object.get(key);
                    csv.write(field(value));
                }
                csv.write('\n');
                rows++;
            }
        } catch (JacksonException e) {
            throw new IOException("A staged object is not JSON: " + e.getOriginalMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
        return rows;
    }

    private static Map<String, JsonNode> lowerCased(JsonNode object) {
        Map<String, JsonNode> values = new HashMap<>();
        object.properties().forEach(e -> values.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        return values;
    }

    /** A CSV field: empty and unquoted is NULL, anything else is quoted (so an empty string stays empty). */
    private static String field(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        String text =
                value.isString() ? value.stringValue() : value.isContainer() ? value.toString() : value.asString();
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** The JSON key a column takes its value from: its name as PostgreSQL stores it. */
    static String unquote(String column) {
        if (column.startsWith("\"")) {
            return column.substring(1, column.length() - 1).replace("\"\"", "\"");
        }
        return column.toLowerCase(Locale.ROOT);
    }
}
