package dev.shardline.firehose.destination.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON 'auto': concatenated JSON objects to CSV rows of the target columns. */
class JsonRowsTest {

    @Test
    void keysMatchColumnsAsPostgresNamesThem() throws IOException {
        String csv = csv("{\"id\":1,\"Name\":\"x\"} {\"id\":2,\"name\":\"a,\\\"b\\\"\"}", List.of("ID", "name"), false);
        // unquoted identifiers fold to lower case; "Name" is a different key
        assertThat(csv).isEqualTo("\"1\",\n\"2\",\"a,\"\"b\"\"\"\n");
    }

    @Test
    void ignoreCaseMatchesWhateverTheCase() throws IOException {
        assertThat(csv("{\"ID\":7,\"NAME\":\"\"}", List.of("id", "\"Name\""), true))
                .isEqualTo("\"7\",\"\"\n");
    }

    @Test
    void somethingOtherThanAnObjectFailsTheLoad() {
        assertThatThrownBy(() -> csv("[1,2]", List.of("a"), false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expects objects");
        assertThatThrownBy(() -> csv("{\"a\":", List.of("a"), false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not JSON");
    }

    private static String csv(String json, List<String> columns, boolean ignoreCase) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRows.toCsv(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), columns, ignoreCase, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
