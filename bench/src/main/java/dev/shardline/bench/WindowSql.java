package dev.shardline.bench;

/**
 * The one windowed Flink SQL the analytics benchmark runs: per key, a count per one-second tumbling window of event
 * time, written to a Shardline stream. Only the source table's {@code WITH} clause differs between the connectors.
 */
final class WindowSql {

    private WindowSql() {}

    /** A {@code kinesis} source over a Shardline stream, from its first record. */
    static String kinesisSource(String streamArn) {
        return "'connector' = 'kinesis', 'stream.arn' = '" + streamArn + "', 'aws.region' = 'us-east-1',"
                + " 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json'";
    }

    /** Flink's {@code kafka} source over a plain topic, from its first record. */
    static String kafkaSource(String topic, String bootstrap) {
        return "'connector' = 'kafka', 'topic' = '" + topic + "', 'properties.bootstrap.servers' = '" + bootstrap
                + "', 'properties.group.id' = 'bench-" + topic + "', 'scan.startup.mode' = 'earliest-offset',"
                + " 'format' = 'json'";
    }

    /**
     * The application's code. {@code watermarkSeconds} is how far event time may run out of order: records loaded
     * ahead of time by several writers are a little out of order per shard, paced ones are not.
     */
    static String script(String source, String outputStreamArn, int watermarkSeconds) {
        return """
                CREATE TABLE events (
                  k STRING, ts BIGINT, pad STRING,
                  rowtime AS TO_TIMESTAMP_LTZ(ts, 3),
                  WATERMARK FOR rowtime AS rowtime - INTERVAL '%d' SECOND
                ) WITH (%s);
                CREATE TABLE window_counts (k STRING, last_ts BIGINT, cnt BIGINT) WITH (
                  'connector' = 'kinesis', 'stream.arn' = '%s', 'aws.region' = 'us-east-1', 'format' = 'json');
                INSERT INTO window_counts
                  SELECT k, MAX(ts), COUNT(*)
                  FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(rowtime), INTERVAL '1' SECOND))
                  GROUP BY k, window_start, window_end;
                """.formatted(watermarkSeconds, source, outputStreamArn);
    }
}
