package dev.shardline.firehose.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** jq queries run within a budget: a query that would loop forever, recurse without end or build a huge value stops. */
class JqQueriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> run(String query, String input) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JqQueries.apply(JqQueries.compile(query), JSON.readTree(input), out::add);
        return out;
    }

    @Test
    void anOrdinaryQueryRunsAsJqDoes() throws Exception {
        assertThat(run(
                        "{customer_id: .customer_id, day: (.ts | strftime(\"%Y-%m-%d\"))}",
                        "{\"customer_id\":\"c1\",\"ts\":0}"))
                .containsExactly(JSON.readTree("{\"customer_id\":\"c1\",\"day\":\"1970-01-01\"}"));
        assertThat(run("[range(1000)] | length", "null")).containsExactly(JSON.readTree("1000"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "range(1e12)",
                "recurse(.)",
                "[range(1e9)]",
                "last(range(1e12))",
                "reduce range(1e12) as $x (0; . + $x)",
                "try range(1e12) catch 0",
                "[limit(1e9; range(1e12))] | length",
                "def f: f; f",
                "def f: [f]; f",
                "until(false; .)"
            })
    void aRunawayQueryIsStoppedSoon(String query) {
        long start = System.nanoTime();

        assertThatThrownBy(() -> run(query, "{\"a\":1}")).isInstanceOf(JqQueries.OverBudget.class);

        // The bound is 200 ms or a million steps; a generous margin for a slow shared machine, far below forever.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void theBudgetIsPerEvaluation() throws Exception {
        assertThatThrownBy(() -> run("range(1e12)", "1")).isInstanceOf(JqQueries.OverBudget.class);

        assertThat(run(".a", "{\"a\":2}")).containsExactly(JSON.readTree("2"));
    }
}
