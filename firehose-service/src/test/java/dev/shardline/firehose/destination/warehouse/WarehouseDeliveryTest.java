package dev.shardline.firehose.destination.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.TestFirehoseApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Records put through the AWS SDK are staged in the intermediate bucket, then COPied into a PostgreSQL table. */
class WarehouseDeliveryTest extends WarehouseIntegrationTest {

    private static final Duration LOAD = Duration.ofSeconds(30);

    @Test
    void csvRecordsLandInTheNamedColumnsAndTheirObjectStaysInTheIntermediateBucket() throws Exception {
        sql("CREATE TABLE " + schema + ".people (id int, name text, city text DEFAULT 'unknown')");
        String bucket = newBucket();
        String stream = warehouseStream(redshift(
                bucket, schema + ".people", "id, name", "CSV NULL AS 'none';", CompressionFormat.UNCOMPRESSED));

        put(stream, List.of("1,alice\n", "2,\"bob, jr\"\n", "3,none\n"));

        await().atMost(LOAD)
                .until(() -> rows("SELECT count(*) FROM " + schema + ".people"), r -> r.equals(List.of("3")));
        assertThat(rows("SELECT id, name, city FROM " + schema + ".people ORDER BY id"))
                .containsExactly("1|alice|unknown", "2|bob, jr|unknown", "3|null|unknown");
        List<S3Object> staged = objects(bucket);
        assertThat(staged).hasSize(1);
        assertThat(staged.get(0).key()).matches("\\d{4}/\\d{2}/\\d{2}/\\d{2}/" + stream + "-1-.*");
        assertThat(new String(read(bucket, staged.get(0).key()), StandardCharsets.UTF_8))
                .isEqualTo("1,alice\n2,\"bob, jr\"\n3,none\n");
    }

    @Test
    void jsonAutoMapsEachObjectsKeysToTheTablesColumns() throws Exception {
        sql("CREATE TABLE " + schema + ".events (id bigint, kind text, payload text, ok boolean)");
        String bucket = newBucket();
        String stream = warehouseStream(
                redshift(bucket, schema + ".events", null, "JSON 'auto'", CompressionFormat.UNCOMPRESSED));

        // Firehose concatenates records as they come: JSON objects need no separator.
        put(
                stream,
                List.of(
                        "{\"id\":1,\"kind\":\"click\",\"ok\":true,\"ignored\":\"x\"}",
                        "{\"kind\":\"view\",\"id\":2,\"payload\":{\"a\":[1,2]}}\n",
                        "{\"id\":3,\"kind\":null,\"payload\":\"say \\\"hi\\\", bye\"}"));

        await().atMost(LOAD)
                .until(() -> rows("SELECT count(*) FROM " + schema + ".events"), r -> r.equals(List.of("3")));
        assertThat(rows("SELECT id, kind, payload, ok FROM " + schema + ".events ORDER BY id"))
                .containsExactly("1|click|null|t", "2|view|{\"a\":[1,2]}|null", "3|null|say \"hi\", bye|null");
    }

    @Test
    void gzipIntermediateObjectsAreDecompressedForTheLoad() throws Exception {
        sql("CREATE TABLE " + schema + ".lines (n int, word text)");
        String bucket = newBucket();
        String stream = warehouseStream(redshift(
                bucket, schema + ".lines", "n,word", "DELIMITER '|' GZIP IGNOREHEADER 1", CompressionFormat.GZIP));

        put(stream, List.of("n|word\n", "1|one\n", "2|two\n"));

        await().atMost(LOAD)
                .until(() -> rows("SELECT count(*) FROM " + schema + ".lines"), r -> r.equals(List.of("2")));
        assertThat(rows("SELECT n, word FROM " + schema + ".lines ORDER BY n")).containsExactly("1|one", "2|two");
        List<S3Object> staged = objects(bucket);
        assertThat(staged).singleElement().satisfies(o -> assertThat(o.key()).endsWith(".gz"));
        assertThat(new String(gunzip(read(bucket, staged.get(0).key())), StandardCharsets.UTF_8))
                .isEqualTo("n|word\n1|one\n2|two\n");
    }

    @Test
    void aBatchDeliveredAgainAfterACrashIsLoadedOnce() throws Exception {
        sql("CREATE TABLE " + schema + ".once (n int)");
        String bucket = newBucket();
        String name = uniqueName("warehouse");
        TestFirehoseApplication.CRASH_AFTER_NEXT_WRITE.add(name);
        warehouseStream(name, redshift(bucket, schema + ".once", null, "", CompressionFormat.UNCOMPRESSED));

        put(name, List.of("1\n", "2\n", "3\n"));

        // The first delivery loads the rows, then "crashes" before its offsets are committed: the same batch is
        // staged and loaded a second time, and the second load finds the object already loaded.
        await().atMost(LOAD)
                .until(() -> TestFirehoseApplication.DELIVERIES
                                .getOrDefault(name, List.of())
                                .size()
                        >= 2);
        assertThat(TestFirehoseApplication.DELIVERIES.get(name)).containsExactly("0:0-2", "0:0-2");
        assertThat(rows("SELECT n FROM " + schema + ".once ORDER BY n")).containsExactly("1", "2", "3");
        assertThat(objects(bucket)).hasSize(1);
        String url = "s3://" + bucket + "/" + objects(bucket).get(0).key();
        assertThat(rows("SELECT count(*) FROM " + TableLoad.LOADS_TABLE + " WHERE object_key = '" + url + "'"))
                .containsExactly("1");

        put(name, List.of("4\n"));
        await().atMost(LOAD).until(() -> rows("SELECT count(*) FROM " + schema + ".once"), r -> r.equals(List.of("4")));
        assertThat(rows("SELECT n FROM " + schema + ".once ORDER BY n")).containsExactly("1", "2", "3", "4");
    }

    @Test
    void aBatchReplayedAfterACrashEndsWhereItsFirstAttemptEndedAndEveryRowLoadsOnce() throws Exception {
        sql("CREATE TABLE " + schema + ".longer (n int)");
        String bucket = newBucket();
        String name = uniqueName("warehouse");
        TestFirehoseApplication.CRASH_AFTER_NEXT_WRITE.add(name);
        // A 3-second interval: records put right after the "crash" would join a replay cut anew; the batch's mark in
        // the partition's commit ends the replay where the first attempt ended, and they load in the next batch.
        warehouseStream(
                name,
                redshift(bucket, schema + ".longer", null, "", CompressionFormat.UNCOMPRESSED)
                        .s3Configuration(s -> s.roleARN("arn:aws:iam::000000000000:role/firehose")
                                .bucketARN("arn:aws:s3:::" + bucket)
                                .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(3))));

        put(name, List.of("1\n", "2\n", "3\n"));
        await().atMost(LOAD)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> TestFirehoseApplication.DELIVERIES
                                .getOrDefault(name, List.of())
                                .size()
                        >= 1);
        put(name, List.of("4\n", "5\n", "6\n"));

        await().atMost(LOAD)
                .until(() -> TestFirehoseApplication.DELIVERIES
                                .getOrDefault(name, List.of())
                                .size()
                        >= 3);
        assertThat(TestFirehoseApplication.DELIVERIES.get(name)).containsExactly("0:0-2", "0:0-2", "0:3-5");
        assertThat(rows("SELECT n FROM " + schema + ".longer ORDER BY n"))
                .containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(rows("SELECT first_offset, last_offset FROM " + TableLoad.LOADS_TABLE
                        + " WHERE object_key LIKE 's3://" + bucket + "/%' ORDER BY first_offset"))
                .containsExactly("0|2", "3|5");
        assertThat(objects(bucket)).hasSize(2);
    }

    @Test
    void aLoadThatFailsPastTheRetryDurationIsListedInAnErrorManifestAndSkipped() throws Exception {
        String table = schema + ".late";
        String bucket = newBucket();
        String stream = warehouseStream(redshift(bucket, table, null, "CSV", CompressionFormat.UNCOMPRESSED)
                .retryOptions(r -> r.durationInSeconds(1)));

        put(stream, List.of("1\n", "2\n"));

        S3Object manifest = await().atMost(LOAD)
                .until(() -> manifests(bucket), m -> !m.isEmpty())
                .get(0);
        assertThat(manifest.key()).startsWith(WarehouseWriter.ERROR_MANIFESTS).contains(stream + "-1-");
        List<S3Object> staged = stagedObjects(bucket);
        assertThat(staged).hasSize(1);
        JsonNode entries = JsonMapper.builder()
                .build()
                .readTree(read(bucket, manifest.key()))
                .get("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("url").asString())
                .isEqualTo("s3://" + bucket + "/" + staged.get(0).key());
        assertThat(entries.get(0).get("mandatory").asBoolean()).isTrue();

        // The skipped batch was counted as delivered: once the table exists, only later records load.
        sql("CREATE TABLE " + table + " (n int)");
        put(stream, List.of("3\n"));
        await().atMost(LOAD).until(() -> rows("SELECT count(*) FROM " + table), r -> r.equals(List.of("1")));
        assertThat(rows("SELECT n FROM " + table)).containsExactly("3");
        assertThat(manifests(bucket)).hasSize(1);
    }

    @Test
    void aTableCreatedWhileTheLoadIsRetriedGetsEveryRowExactlyOnce() throws Exception {
        String table = schema + ".recovering";
        String bucket = newBucket();
        String stream = warehouseStream(redshift(bucket, table, null, "CSV", CompressionFormat.UNCOMPRESSED)
                .retryOptions(r -> r.durationInSeconds(600)));
        List<String> sent = new ArrayList<>();
        IntStream.range(0, 200).forEach(i -> sent.add(Integer.toString(i)));

        put(stream, sent.subList(0, 100).stream().map(n -> n + "\n").toList());
        // The first batch is staged, then its load fails (no table) and is retried.
        await().atMost(LOAD).until(() -> stagedObjects(bucket), o -> !o.isEmpty());
        put(stream, sent.subList(100, 200).stream().map(n -> n + "\n").toList());
        assertThat(tableExists(table)).isFalse();
        sql("CREATE TABLE " + table + " (n int)");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> rows("SELECT count(*) FROM " + table), r -> r.equals(List.of("200")));
        assertThat(rows("SELECT n FROM " + table + " ORDER BY n"))
                .containsExactlyElementsOf(sent.stream()
                        .mapToInt(Integer::parseInt)
                        .sorted()
                        .mapToObj(Integer::toString)
                        .toList());
        assertThat(manifests(bucket)).isEmpty();
    }

    private List<S3Object> manifests(String bucket) {
        return objects(bucket).stream()
                .filter(o -> o.key().startsWith(WarehouseWriter.ERROR_MANIFESTS))
                .toList();
    }

    private List<S3Object> stagedObjects(String bucket) {
        return objects(bucket).stream()
                .filter(o -> !o.key().startsWith("errors/"))
                .toList();
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}
