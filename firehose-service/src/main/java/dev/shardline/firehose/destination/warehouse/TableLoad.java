package dev.shardline.firehose.destination.warehouse;

import dev.shardline.firehose.destination.warehouse.WarehouseDestination.CopyCommand;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Loads staged objects into their table with PostgreSQL's COPY FROM STDIN, each record once. Every load is recorded
 * in a bookkeeping table of the target database, in the same transaction as its COPY, with the buffer positions it
 * covers; a batch delivered again (after a crash or a lost offset commit, perhaps cut longer this time) loads only the
 * records past what its partition has loaded.
 */
final class TableLoad {

    static final String LOADS_TABLE = "shardline_firehose_loads";

    /** Opens the staged object's bytes as stored (compressed or not). */
    interface StagedObject {
        InputStream open() throws IOException;
    }

    /**
     * What one load covers.
     *
     * @param stream the delivery stream's id
     * @param partition its buffer partition
     * @param loadedThrough the last offset loaded before, as read when the object was staged
     * @param firstOffset the first offset in the staged object
     * @param lastOffset the batch's last offset
     */
    record Position(String stream, int partition, long loadedThrough, long firstOffset, long lastOffset) {}

    private TableLoad() {}

    /** The last offset of the partition loaded so far, -1 when none; creates the bookkeeping table if absent. */
    static long loadedThrough(Connection connection, String stream, int partition) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS " + LOADS_TABLE + " (object_key text PRIMARY KEY,"
                    + " delivery_stream text NOT NULL, partition_id int NOT NULL, first_offset bigint NOT NULL,"
                    + " last_offset bigint NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now());"
                    + " CREATE INDEX IF NOT EXISTS " + LOADS_TABLE + "_position ON " + LOADS_TABLE
                    + " (delivery_stream, partition_id, last_offset)");
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT coalesce(max(last_offset), -1) FROM "
                + LOADS_TABLE + " WHERE delivery_stream = ? AND partition_id = ?")) {
            query.setString(1, stream);
            query.setInt(2, partition);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Rows loaded, or -1 when another load got there first and covered the batch. */
    static long load(
            Connection connection, CopyCommand command, Position position, String objectUrl, StagedObject staged)
            throws SQLException, IOException {
        CopyOptions options = CopyOptions.parse(command.copyOptions());
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, LOADS_TABLE + " " + position.stream() + " " + position.partition());
                lock.execute();
            }
            long loadedThrough = loadedThrough(connection, position.stream(), position.partition());
            if (loadedThrough >= position.lastOffset()) {
                connection.rollback();
                return -1;
            }
            if (loadedThrough != position.loadedThrough()) {
                throw new SQLException("Another load of partition " + position.partition() + " went through offset "
                        + loadedThrough + " meanwhile; staging again");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + LOADS_TABLE
                            + " (object_key, delivery_stream, partition_id, first_offset, last_offset) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, objectUrl);
                insert.setString(2, position.stream());
                insert.setInt(3, position.partition());
                insert.setLong(4, position.firstOffset());
                insert.setLong(5, position.lastOffset());
                insert.executeUpdate();
            }
            long rows = copy(connection, command, options, staged);
            connection.commit();
            return rows;
        } catch (SQLException | IOException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static long copy(Connection connection, CopyCommand command, CopyOptions options, StagedObject staged)
            throws SQLException, IOException {
        List<String> columns = CopyCommands.columns(command);
        if (options.format() == CopyOptions.Format.JSON && columns.isEmpty()) {
            columns = tableColumns(connection, command.dataTableName());
        }
        String sql = CopyCommands.copySql(command.dataTableName(), columns, options);
        PGCopyOutputStream out = new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 64 * 1024);
        try (InputStream stored = staged.open();
                InputStream in = options.gzip() ? new GZIPInputStream(stored, 64 * 1024) : stored) {
            if (options.format() == CopyOptions.Format.JSON) {
                JsonRows.toCsv(in, columns, options.ignoreCase(), out);
            } else {
                InputStream body = new BufferedInputStream(in, 64 * 1024);
                skipLines(body, options.ignoreHeader());
                body.transferTo(out);
            }
            return out.endCopy();
        } finally {
            if (out.isActive()) {
                try {
                    out.cancelCopy(); // a half-sent COPY is abandoned; the transaction rolls back
                } catch (SQLException e) {
                    // the failure that got us here is the one to report
                }
            }
        }
    }

    /** Every column of the table, in order, quoted as identifiers: JSON 'auto' without DataTableColumns. */
    private static List<String> tableColumns(Connection connection, String table) throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet empty = query.executeQuery("SELECT * FROM " + table + " WHERE false")) {
            ResultSetMetaData meta = empty.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add("\"" + meta.getColumnName(i).replace("\"", "\"\"") + "\"");
            }
            return columns;
        }
    }

    /** IGNOREHEADER n: skips the first n lines of the object, whatever the format (PostgreSQL's HEADER skips one). */
    private static void skipLines(InputStream in, int lines) throws IOException {
        for (int skipped = 0; skipped < lines; ) {
            int b = in.read();
            if (b == -1) {
                return;
            }
            if (b == '\n') {
                skipped++;
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
