package dev.shardline.firehose.destination.warehouse;

import dev.shardline.firehose.destination.Compression;
import dev.shardline.firehose.destination.warehouse.WarehouseDestination.CopyCommand;
import dev.shardline.platform.error.AwsErrorType;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CopyCommand as PostgreSQL runs it. Table and column names go into the statement's text, so they are checked to
 * be plain or double-quoted SQL identifiers when the delivery stream is created.
 */
public final class CopyCommands {

    private static final String IDENTIFIER = "(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\")";
    private static final Pattern TABLE = Pattern.compile(IDENTIFIER + "(?:\\." + IDENTIFIER + "){0,2}");
    private static final Pattern COLUMN = Pattern.compile(IDENTIFIER);

    private CopyCommands() {}

    /**
     * Refuses, as InvalidArgumentException, what cannot be loaded here: a table or column list that is not made of
     * SQL identifiers, COPY options without a PostgreSQL translation, and a GZIP option that disagrees with the
     * intermediate bucket's compression (the staged objects would not be readable).
     */
    public static void check(CopyCommand command, Compression staged) {
        if (!TABLE.matcher(command.dataTableName()).matches()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("CopyCommand.DataTableName '" + command.dataTableName()
                    + "' is not a table name: use [schema.]table, as plain or double-quoted identifiers.");
        }
        for (String column : columns(command)) {
            if (!COLUMN.matcher(column).matches()) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("CopyCommand.DataTableColumns has '" + column
                        + "', which is not a column name: use a comma-separated list of identifiers.");
            }
        }
        CopyOptions options = CopyOptions.parse(command.copyOptions());
        if (options.gzip() != (staged == Compression.GZIP)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    options.gzip()
                            ? "CopyOptions GZIP needs S3Configuration.CompressionFormat GZIP."
                            : "S3Configuration.CompressionFormat GZIP needs the GZIP option in CopyOptions.");
        }
    }

    /** The columns named in DataTableColumns, trimmed; empty when it names none. */
    static List<String> columns(CopyCommand command) {
        return Arrays.stream(command.dataTableColumns().split(","))
                .map(String::trim)
                .filter(c -> !c.isEmpty())
                .toList();
    }

    /** {@code COPY table [(columns)] FROM STDIN WITH (...)}. */
    static String copySql(String table, List<String> columns, CopyOptions options) {
        String columnList = columns.isEmpty() ? "" : " (" + String.join(", ", columns) + ")";
        return "COPY " + table + columnList + " FROM STDIN WITH (" + options.postgresOptions() + ")";
    }
}
