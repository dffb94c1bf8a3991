package dev.shardline.firehose.destination.warehouse;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Redshift COPY options that have a PostgreSQL translation, parsed from CopyCommand.CopyOptions. Anything else is
 * refused by name when the delivery stream is created, so a load never meets an option it cannot honour.
 *
 * @param format how the staged objects are read
 * @param delimiter the field delimiter (Redshift's defaults: {@code |} for text, {@code ,} for CSV)
 * @param quote the CSV quote character, null for PostgreSQL's default ({@code "})
 * @param nullAs the string that loads as NULL, null for the format's default
 * @param ignoreHeader lines skipped at the start of every staged object
 * @param gzip the staged objects are gzip-compressed
 * @param ignoreCase JSON 'auto ignorecase': keys match columns whatever their case
 */
record CopyOptions(
        Format format,
        char delimiter,
        Character quote,
        String nullAs,
        int ignoreHeader,
        boolean gzip,
        boolean ignoreCase) {

    static final String SUPPORTED = "CSV, QUOTE AS, DELIMITER AS, ESCAPE, IGNOREHEADER AS, GZIP, NULL AS, JSON 'auto', "
            + "JSON 'auto ignorecase', DATEFORMAT 'auto', TIMEFORMAT 'auto'";

    enum Format {
        TEXT,
        CSV,
        JSON
    }

    static CopyOptions parse(String text) {
        Tokens tokens = new Tokens(tokenize(text == null ? "" : text));
        Format format = Format.TEXT;
        Character delimiter = null;
        Character quote = null;
        String nullAs = null;
        int ignoreHeader = 0;
        boolean gzip = false;
        boolean ignoreCase = false;
        boolean escape = false;
        while (tokens.hasNext()) {
            String word = tokens.next();
            switch (word.toUpperCase(Locale.ROOT)) {
                case ";" -> {
                    if (tokens.hasNext()) {
                        throw refused("anything after ';'");
                    }
                }
                case "FORMAT" -> tokens.skipAs(); // FORMAT [AS] CSV | JSON: the format word follows
                case "CSV" -> format = Format.CSV;
                case "GZIP" -> gzip = true;
                case "ESCAPE" -> escape = true; // PostgreSQL's text format always reads backslash escapes
                case "DELIMITER" -> delimiter = oneCharacter("DELIMITER", delimiterText(tokens.quotedAfterAs(word)));
                case "QUOTE" -> quote = oneCharacter("QUOTE", tokens.quotedAfterAs(word));
                case "NULL" -> nullAs = tokens.quotedAfterAs(word);
                case "IGNOREHEADER" -> ignoreHeader = tokens.numberAfterAs(word);
                case "JSON" -> {
                    String how = tokens.quotedAfterAs(word).trim().toLowerCase(Locale.ROOT);
                    if (!how.equals("auto") && !how.equals("auto ignorecase")) {
                        throw refused("JSON '" + how + "' (only JSON 'auto' and JSON 'auto ignorecase')");
                    }
                    format = Format.JSON;
                    ignoreCase = how.equals("auto ignorecase");
                }
                case "DATEFORMAT", "TIMEFORMAT" -> {
                    String how = tokens.quotedAfterAs(word);
                    if (!how.equalsIgnoreCase("auto")) {
                        throw refused(word.toUpperCase(Locale.ROOT) + " '" + how + "' (only 'auto')");
                    }
                }
                default -> throw refused(word);
            }
        }
        if (format == Format.JSON && (delimiter != null || nullAs != null || quote != null || ignoreHeader > 0)) {
            throw invalid("CopyOptions JSON cannot be combined with DELIMITER, QUOTE, NULL AS or IGNOREHEADER.");
        }
        if (escape && format != Format.TEXT) {
            throw invalid("CopyOptions ESCAPE cannot be combined with CSV or JSON.");
        }
        if (quote != null && format != Format.CSV) {
            throw invalid("CopyOptions QUOTE AS needs CSV.");
        }
        char effectiveDelimiter = delimiter != null ? delimiter : format == Format.CSV ? ',' : '|';
        return new CopyOptions(format, effectiveDelimiter, quote, nullAs, ignoreHeader, gzip, ignoreCase);
    }

    /** The {@code WITH (...)} part of PostgreSQL's COPY for staged objects read in this format. */
    String postgresOptions() {
        if (format == Format.JSON) {
            return "FORMAT csv"; // JSON objects are turned into CSV rows of the target columns first
        }
        StringBuilder with = new StringBuilder("FORMAT ")
                .append(format == Format.CSV ? "csv" : "text")
                .append(", DELIMITER ")
                .append(literal(String.valueOf(delimiter)));
        if (nullAs != null) {
            with.append(", NULL ").append(literal(nullAs));
        }
        if (quote != null) {
            with.append(", QUOTE ").append(literal(String.valueOf(quote)));
        }
        return with.toString();
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Redshift writes a tab delimiter as {@code '\t'}. */
    private static String delimiterText(String value) {
        return value.equals("\\t") ? "\t" : value;
    }

    private static char oneCharacter(String option, String value) {
        if (value.length() != 1 || value.charAt(0) > 127) {
            throw invalid("CopyOptions " + option + " must be a single ASCII character, not '" + value + "'.");
        }
        return value.charAt(0);
    }

    private static AwsException refused(String option) {
        return invalid(
                "CopyOptions " + option + " cannot be translated to PostgreSQL's COPY; supported: " + SUPPORTED + ".");
    }

    private static AwsException invalid(String message) {
        return AwsErrorType.INVALID_ARGUMENT.exception(message);
    }

    /** Words, numbers, {@code ;} and single-quoted strings (kept with their quotes; {@code ''} is a quote inside). */
    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else if (c == ';') {
                tokens.add(";");
                i++;
            } else if (c == '\'') {
                StringBuilder quoted = new StringBuilder("'");
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw invalid("CopyOptions has an unterminated quoted string.");
                    }
                    char q = text.charAt(i++);
                    if (q == '\'' && i < text.length() && text.charAt(i) == '\'') {
                        quoted.append('\'');
                        i++;
                    } else if (q == '\'') {
                        break;
                    } else {
                        quoted.append(q);
                    }
                }
                tokens.add(quoted.toString());
            } else {
                int start = i;
                while (i < text.length()) {
                    char w = text.charAt(i);
                    if (Character.isWhitespace(w) || w == '\'' || w == ';' || w == ',') {
                        break;
                    }
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    private static final class Tokens {
        private final List<String> tokens;
        private int next;

        Tokens(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean hasNext() {
            return next < tokens.size();
        }

        String next() {
            return tokens.get(next++);
        }

        void skipAs() {
            if (hasNext() && tokens.get(next).equalsIgnoreCase("AS")) {
                next++;
            }
        }

        String quotedAfterAs(String option) {
            skipAs();
            if (!hasNext() || !tokens.get(next).startsWith("'")) {
                throw invalid("CopyOptions " + option.toUpperCase(Locale.ROOT) + " needs a quoted value.");
            }
            return next().substring(1);
        }

        int numberAfterAs(String option) {
            skipAs();
            String value = hasNext() ? next() : "";
            try {
                int n = Integer.parseInt(value);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw invalid(
                        "CopyOptions " + option.toUpperCase(Locale.ROOT) + " needs a number, not '" + value + "'.");
            }
        }
    }
}
