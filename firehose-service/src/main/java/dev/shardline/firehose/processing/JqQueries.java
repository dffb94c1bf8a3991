package dev.shardline.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Output;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * MetadataExtractionQuery compiled as jq 1.6 (jackson-jq), once per distinct query, and run within bounds. jq can loop
 * forever ({@code repeat(.)}, {@code last(range(1e12))}) or build huge values ({@code [range(1e9)]}), and jackson-jq has
 * no limit of its own: every built-in function counts its calls and outputs against the evaluation's budget of
 * {@value #MAX_STEPS} steps and {@link #TIME_LIMIT}, and unbounded recursion ({@code def f: f; f}) ends in a
 * StackOverflowError that is caught. A query over its budget fails the record, as a failing query does.
 */
public final class JqQueries {

    /** Steps (built-in function calls and values they emit) one evaluation may take. */
    static final long MAX_STEPS = 1_000_000;

    /** Time one evaluation may take. */
    static final Duration TIME_LIMIT = Duration.ofMillis(200);

    private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();
    private static final Scope ROOT = rootScope();
    private static final Map<String, JsonQuery> COMPILED = new ConcurrentHashMap<>();

    private JqQueries() {}

    /** Compiles the query, or throws {@link IllegalArgumentException} saying why it is not jq 1.6. */
    public static JsonQuery compile(String query) {
        JsonQuery compiled = COMPILED.get(query);
        if (compiled != null) {
            return compiled;
        }
        try {
            compiled = JsonQuery.compile(query, Versions.JQ_1_6);
        } catch (JsonQueryException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (COMPILED.size() < 1000) {
            COMPILED.put(query, compiled);
        }
        return compiled;
    }

    /**
     * Runs the query on one input within its budget.
     *
     * @throws JsonQueryException if the query fails on the input
     * @throws OverBudget if it took too long, too many steps or too deep a recursion
     */
    static void apply(JsonQuery query, JsonNode input, Output output) throws JsonQueryException {
        BUDGET.set(new Budget(System.nanoTime() + TIME_LIMIT.toNanos()));
        try {
            query.apply(Scope.newChildScope(ROOT), input, output);
        } catch (StackOverflowError e) {
            throw new OverBudget("the query recursed too deeply");
        } finally {
            BUDGET.remove();
        }
    }

    /**
     * A query past its budget. Unchecked, so that jq's own {@code try ... catch} (which catches JsonQueryException)
     * cannot swallow it and go on.
     */
    static final class OverBudget extends RuntimeException {
        OverBudget(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Budget {
        private final long deadlineNanos;
        private long steps;

        Budget(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        void spend() {
            steps++;
            if (steps > MAX_STEPS) {
                throw new OverBudget("the query took more than " + MAX_STEPS + " steps");
            }
            if ((steps & 1023) == 0 && System.nanoTime() > deadlineNanos) {
                throw new OverBudget("the query ran longer than " + TIME_LIMIT.toMillis() + " ms");
            }
        }
    }

    private static Scope rootScope() {
        Scope builtins = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, builtins);
        builtins.addFunction("strftime", 1, new JqStrftime());
        Scope root = Scope.newEmptyScope();
        builtins.getLocalFunctions().forEach((key, function) -> root.addFunction(key, bounded(function)));
        return root;
    }

    /** The function, counting its call and each value it emits against the running evaluation's budget. */
    private static Function bounded(Function function) {
        return (scope, args, in, path, output, version) -> {
            Budget budget = BUDGET.get();
            if (budget == null) {
                function.apply(scope, args, in, path, output, version);
                return;
            }
            budget.spend();
            function.apply(
                    scope,
                    args,
                    in,
                    path,
                    (value, valuePath) -> {
                        budget.spend();
                        output.emit(value, valuePath);
                    },
                    version);
        };
    }
}
