package dev.shardline.analytics.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink SQL application's code as its statements: split at semicolons that are not inside a string literal, a quoted
 * identifier or a comment, with empty statements dropped.
 */
record SqlScript(List<String> statements) {

    static SqlScript parse(String code) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(code, i, c);
                current.append(code, i, end);
                i = end;
            } else if (c == '-' && code.startsWith("--", i)) {
                int end = code.indexOf('\n', i);
                i = end < 0 ? code.length() : end;
            } else if (c == '/' && code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? code.length() : end + 2;
                current.append(' ');
            } else if (c == ';') {
                add(statements, current);
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return new SqlScript(List.copyOf(statements));
    }

    /** The index after the quote that closes the one at {@code start}; a doubled quote escapes itself. */
    private static int closing(String code, int start, char quote) {
        int i = start + 1;
        while (i < code.length()) {
            if (code.charAt(i) == quote) {
                if (i + 1 < code.length() && code.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return code.length();
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String trimmed = statement.toString().strip();
        if (!trimmed.isEmpty()) {
            statements.add(trimmed);
        }
    }

    private static final Pattern SET = Pattern.compile("(?is)SET\\s+'([^']+)'\\s*=\\s*'(.*)'");

    /** The option a {@code SET 'key' = 'value'} statement sets, as the SQL client takes it. */
    static Optional<Map.Entry<String, String>> setting(String statement) {
        Matcher m = SET.matcher(statement.strip());
        return m.matches() ? Optional.of(Map.entry(m.group(1), m.group(2).replace("''", "'"))) : Optional.empty();
    }

    /** Whether a statement writes to a table: it joins the application's one job. */
    static boolean isInsert(String statement) {
        String upper = statement.toUpperCase(Locale.ROOT);
        return upper.startsWith("INSERT ");
    }
}
