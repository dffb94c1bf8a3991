package dev.shardline.analytics.preview;

import dev.shardline.analytics.engine.InteractiveQuery;
import java.util.List;
import java.util.Map;

/** One line of a preview's NDJSON answer: the columns first, then the rows, then how it ended. */
public sealed interface PreviewLine {

    /** The first line: the Flink job that runs the query (as the Flink web UI names it) and its columns, in order. */
    record Columns(String job, List<InteractiveQuery.ResultColumn> columns) implements PreviewLine {}

    /**
     * A row as the job produced it.
     *
     * @param kind Flink's change kind: {@code +I} (insert), {@code -U} / {@code +U} (an update's old and new row),
     *     {@code -D} (delete)
     * @param row column name to value
     */
    record Row(String kind, Map<String, Object> row) implements PreviewLine {}

    /** The last line. */
    record End(Summary end) implements PreviewLine {}

    /**
     * How the preview ended; its job is cancelled in every case.
     *
     * @param rows rows sent
     * @param reason ROW_LIMIT, TIME_LIMIT, END_OF_DATA (a bounded query finished) or FAILED
     * @param error the job's failure, when FAILED
     * @param millis how long the preview ran, from its job's submission
     */
    record Summary(int rows, String reason, String error, long millis) {}
}
