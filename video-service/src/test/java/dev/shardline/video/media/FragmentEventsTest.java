package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.video.VideoIntegrationTest;
import dev.shardline.video.media.TestMkv.Clip;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every persisted fragment is an event on the fragment topic, so other services can react to it over Kafka. */
class FragmentEventsTest extends VideoIntegrationTest {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void eachPersistedFragmentIsAnEventOnTheFragmentTopic() throws Exception {
        Clip clip = TestMkv.h264(20, 10);
        String name = uniqueName("evt");
        String arn = activeStream(video(), name, 1);
        List<JsonNode> persisted;
        try (PutMediaClient producer = new PutMediaClient(
                port, ACCOUNT, Map.of("x-amzn-stream-name", name, "x-amzn-fragment-timecode-type", "ABSOLUTE"))) {
            producer.send(TestMkv.concat(
                    TestMkv.header(clip.codecPrivate()),
                    TestMkv.cluster(1_700_000_000_000L, clip.frames().subList(0, 10), 100),
                    TestMkv.cluster(1_700_000_001_000L, clip.frames().subList(10, 20), 100)));
            producer.finish();
            persisted = producer.acksUntilEnd(Duration.ofSeconds(20)).stream()
                    .filter(a -> a.get("EventType").asString().equals("PERSISTED"))
                    .toList();
        }
        assertThat(persisted).hasSize(2);

        List<JsonNode> events = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        brokers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        uniqueName("test"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("shardline.video.fragments"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    JsonNode event = JsonMapper.shared().readTree(new String(record.value(), StandardCharsets.UTF_8));
                    if (event.get("StreamName").asString().equals(name)) {
                        events.add(event);
                    }
                });
                return events.size() >= 2;
            });
        }

        assertThat(events)
                .extracting(e -> e.get("FragmentNumber").asString())
                .containsExactly(
                        persisted.get(0).get("FragmentNumber").asString(),
                        persisted.get(1).get("FragmentNumber").asString());
        JsonNode first = events.get(0);
        assertThat(first.get("StreamARN").asString()).isEqualTo(arn);
        assertThat(first.get("ProducerTimestamp").asString()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(first.get("FragmentLengthInMilliseconds").asLong()).isEqualTo(1000);
        assertThat(first.get("Bucket").asString()).isEqualTo("shardline-video");
        assertThat(first.get("ObjectKey").asString())
                .endsWith(first.get("FragmentNumber").asString() + ".mkv");
    }
}
