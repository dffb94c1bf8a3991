package dev.shardline.firehose.processing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** MetadataExtractionQuery compiled as jq 1.6 (jackson-jq), once per distinct query. */
public final class JqQueries {

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

    /** A scope for one evaluation: the built-in functions of jq 1.6, nothing else. */
    static Scope scope() {
        return Scope.newChildScope(ROOT);
    }

    private static Scope rootScope() {
        Scope root = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, root);
        root.addFunction("strftime", 1, new JqStrftime());
        return root;
    }
}
