package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.streams.StreamsIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.*;
import software.amazon.awssdk.services.kinesis.model.Record;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-side encryption with KMS keys through the official AWS SDK v2 client, in CBOR and in JSON: records put while
 * a stream is encrypted are stored encrypted in Kafka and read back as plaintext; KMS errors have AWS's types.
 */
class KinesisEncryptionTest extends StreamsIntegrationTest {

    private static final String ACCOUNT = "000000000000";
    private static final String MANAGED_KEY = "alias/aws/kinesis";

    @Autowired
    private Admin streamsAdmin;

    @Autowired
    private JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void recordsPutWhileEncryptionIsOnReadBackAsPlaintextAndRecordsFromBeforeStayReadable(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        PutRecordResponse before = kinesis.putRecord(put(name, "key-0", "before"));
        assertThat(before.encryptionType()).isEqualTo(EncryptionType.NONE);

        kinesis.startStreamEncryption(
                r -> r.streamName(name).encryptionType(EncryptionType.KMS).keyId(MANAGED_KEY));

        assertThat(summary(kinesis, name).streamStatus()).isIn(StreamStatus.UPDATING, StreamStatus.ACTIVE);
        awaitActive(kinesis, name);
        StreamDescriptionSummary encrypted = summary(kinesis, name);
        assertThat(encrypted.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(encrypted.keyId()).isEqualTo(MANAGED_KEY);
        StreamDescription description =
                kinesis.describeStream(r -> r.streamName(name)).streamDescription();
        assertThat(description.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(description.keyId()).isEqualTo(MANAGED_KEY);

        assertThat(kinesis.putRecord(put(name, "key-1", "during")).encryptionType())
                .isEqualTo(EncryptionType.KMS);
        PutRecordsResponse batch = kinesis.putRecords(
                r -> r.streamName(name).records(entry("key-2", "batch-1"), entry("key-3", "batch-2")));
        assertThat(batch.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(batch.failedRecordCount()).isZero();

        kinesis.stopStreamEncryption(
                r -> r.streamName(name).encryptionType(EncryptionType.KMS).keyId(MANAGED_KEY));
        awaitActive(kinesis, name);
        StreamDescriptionSummary stopped = summary(kinesis, name);
        assertThat(stopped.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(stopped.keyId()).isNull();
        assertThat(kinesis.putRecord(put(name, "key-4", "after")).encryptionType())
                .isEqualTo(EncryptionType.NONE);

        List<Record> records = readAll(kinesis, name, 5);
        assertThat(records)
                .extracting(r -> r.data().asUtf8String())
                .containsExactly("before", "during", "batch-1", "batch-2", "after");
        assertThat(records)
                .extracting(Record::partitionKey)
                .containsExactly("key-0", "key-1", "key-2", "key-3", "key-4");
        assertThat(records)
                .extracting(Record::encryptionType)
                .containsExactly(null, EncryptionType.KMS, EncryptionType.KMS, EncryptionType.KMS, null);
    }

    @Test
    void aCustomerKeyIsNamedByItsIdItsArnAnAliasOrTheAliasArn() throws Exception {
        KinesisClient kinesis = kinesis(true);
        String name = activeStream(kinesis, 1);
        String alias = "alias/orders-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode key = createKey(alias);
        String keyId = key.get("keyId").asString();
        String aliasArn = "arn:aws:kms:us-east-1:" + ACCOUNT + ":" + alias;
        assertThat(key.get("arn").asString()).isEqualTo("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + keyId);

        List<String> forms = List.of(keyId, key.get("arn").asString(), alias, aliasArn);
        for (String form : forms) {
            kinesis.startStreamEncryption(
                    r -> r.streamName(name).encryptionType(EncryptionType.KMS).keyId(form));
            awaitActive(kinesis, name);
            assertThat(summary(kinesis, name).keyId()).isEqualTo(form);
            assertThat(kinesis.putRecord(put(name, "k", form)).encryptionType()).isEqualTo(EncryptionType.KMS);
        }

        assertThat(readAll(kinesis, name, 4))
                .extracting(r -> r.data().asUtf8String())
                .containsExactlyElementsOf(forms);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void anUnknownKeyIsKmsNotFoundAndLeavesTheStreamAsItWas(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        String missing = UUID.randomUUID().toString();
        String missingArn = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + missing;

        assertThatThrownBy(() -> start(kinesis, name, missing))
                .isInstanceOf(KmsNotFoundException.class)
                .hasMessageStartingWith("Key '" + missingArn + "' does not exist");
        assertThatThrownBy(() -> start(kinesis, name, missingArn)).isInstanceOf(KmsNotFoundException.class);
        assertThatThrownBy(() -> start(kinesis, name, "alias/no-such-key"))
                .isInstanceOf(KmsNotFoundException.class)
                .hasMessageStartingWith("Alias arn:aws:kms:us-east-1:" + ACCOUNT + ":alias/no-such-key is not found.");

        StreamDescriptionSummary summary = summary(kinesis, name);
        assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(summary.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(summary.keyId()).isNull();
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aDisabledKeyIsKmsDisabledUntilItIsEnabledAgain(boolean cbor) throws Exception {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        JsonNode key = createKey(null);
        String keyId = key.get("keyId").asString();

        HttpResponse<String> disabled = post("/v1/keys/" + keyId + "/disable", "");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(json.readTree(disabled.body()).get("state").asString()).isEqualTo("DISABLED");

        assertThatThrownBy(() -> start(kinesis, name, keyId))
                .isInstanceOf(KmsDisabledException.class)
                .hasMessageStartingWith(key.get("arn").asString() + " is disabled.");
        assertThat(summary(kinesis, name).encryptionType()).isEqualTo(EncryptionType.NONE);

        assertThat(post("/v1/keys/" + keyId + "/enable", "").statusCode()).isEqualTo(200);
        start(kinesis, name, keyId);
        awaitActive(kinesis, name);
        assertThat(summary(kinesis, name).encryptionType()).isEqualTo(EncryptionType.KMS);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void encryptionRequestsAreValidatedAsAwsValidatesThem(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        assertThatThrownBy(() -> kinesis.startStreamEncryption(r ->
                        r.streamName(name).encryptionType(EncryptionType.NONE).keyId(MANAGED_KEY)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("KMS is the only valid EncryptionType for this request.");
        assertValidation(
                () -> kinesis.startStreamEncryption(r -> r.streamName(name).encryptionType(EncryptionType.KMS)),
                "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not "
                        + "be null");
        assertValidation(
                () -> start(kinesis, name, "k".repeat(2049)),
                "at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048");
        assertValidation(
                () -> kinesis.stopStreamEncryption(r -> r.streamName(name).keyId(MANAGED_KEY)),
                "1 validation error detected: Value null at 'encryptionType' failed to satisfy constraint: Member "
                        + "must not be null");
        assertThatThrownBy(() -> start(kinesis, "no-such-stream-" + UUID.randomUUID(), MANAGED_KEY))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anEncryptedRecordLeavesNoPlaintextInTheKafkaLogWhileAPlainRecordDoes() throws Exception {
        KinesisClient kinesis = kinesis(true);
        String name = activeStream(kinesis, 1);
        String visible = "visible-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        String secretKey = "secret-key-" + UUID.randomUUID();
        kinesis.putRecord(put(name, "plain-key", visible));
        start(kinesis, name, MANAGED_KEY);
        awaitActive(kinesis, name);
        assertThat(kinesis.putRecord(put(name, secretKey, secret)).encryptionType())
                .isEqualTo(EncryptionType.KMS);

        // Both records are on the broker: the encrypted one reads back in the clear.
        assertThat(readAll(kinesis, name, 2))
                .extracting(r -> r.data().asUtf8String())
                .containsExactly(visible, secret);
        List<Path> segments = segmentsOf(topicOf(name), 0);
        assertThat(segments).isNotEmpty();
        assertThat(contain(segments, visible))
                .as("plaintext of the record put before encryption")
                .isTrue();
        assertThat(contain(segments, secret))
                .as("plaintext of the encrypted record's data")
                .isFalse();
        assertThat(contain(segments, secretKey))
                .as("plaintext of its partition key")
                .isFalse();
    }

    /** The .log segment files of a partition, found through the broker's own account of its log directories. */
    private List<Path> segmentsOf(String topic, int partition) throws Exception {
        TopicPartition wanted = new TopicPartition(topic, partition);
        int broker =
                streamsAdmin.describeCluster().nodes().get().iterator().next().id();
        Map<String, LogDirDescription> logDirs = streamsAdmin
                .describeLogDirs(List.of(broker))
                .allDescriptions()
                .get()
                .get(broker);
        List<Path> segments = new ArrayList<>();
        for (Map.Entry<String, LogDirDescription> logDir : logDirs.entrySet()) {
            if (logDir.getValue().replicaInfos().containsKey(wanted)) {
                try (Stream<Path> files = Files.list(Path.of(logDir.getKey(), topic + "-" + partition))) {
                    files.filter(f -> f.toString().endsWith(".log")).forEach(segments::add);
                }
            }
        }
        return segments;
    }

    private static boolean contain(List<Path> files, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= content.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (content[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private String topicOf(String streamName) {
        return jdbc.queryForObject("select topic from streams.stream where name = ?", String.class, streamName);
    }

    private JsonNode createKey(String alias) throws Exception {
        String body =
                alias == null ? "{\"description\":\"test\"}" : "{\"description\":\"test\",\"alias\":\"" + alias + "\"}";
        HttpResponse<String> created = post("/v1/keys", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + path))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void start(KinesisClient kinesis, String name, String keyId) {
        kinesis.startStreamEncryption(
                r -> r.streamName(name).encryptionType(EncryptionType.KMS).keyId(keyId));
    }

    private static StreamDescriptionSummary summary(KinesisClient kinesis, String name) {
        return kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
    }

    private static PutRecordRequest put(String name, String partitionKey, String data) {
        return PutRecordRequest.builder()
                .streamName(name)
                .partitionKey(partitionKey)
                .data(SdkBytes.fromUtf8String(data))
                .build();
    }

    private static PutRecordsRequestEntry entry(String partitionKey, String data) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(partitionKey)
                .data(SdkBytes.fromUtf8String(data))
                .build();
    }

    /** Every record of the stream's first shard, from its start, once there are {@code count} of them. */
    private static List<Record> readAll(KinesisClient kinesis, String name, int count) {
        List<Record> records = new ArrayList<>();
        String[] iterator = {
            kinesis.getShardIterator(r -> r.streamName(name)
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator()
        };
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            GetRecordsResponse got = kinesis.getRecords(r -> r.shardIterator(iterator[0]));
            records.addAll(got.records());
            iterator[0] = got.nextShardIterator();
            return records.size() >= count;
        });
        return records;
    }

    private static void assertValidation(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KinesisException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }
}
