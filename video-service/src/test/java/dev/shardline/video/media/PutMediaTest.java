package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.video.TestS3;
import dev.shardline.video.VideoIntegrationTest;
import dev.shardline.video.media.TestMkv.Clip;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import tools.jackson.databind.JsonNode;

/**
 * PutMedia over AWS's wire: a producer that streams an H.264 MKV made in the test in chunks over one HTTP/1.1
 * connection and reads the acknowledgements while it sends; the index and the object store are then checked.
 */
class PutMediaTest extends VideoIntegrationTest {

    private static final Duration ACK_WAIT = Duration.ofSeconds(20);
    private static Clip clip;

    @Autowired
    FragmentIndex index;

    @Autowired
    FragmentSeal seal;

    @BeforeAll
    static void encode() {
        clip = TestMkv.h264(30, 10); // three fragments of ten frames, each starting with a key frame
    }

    @Test
    void fragmentsAreAcknowledgedBufferingReceivedPersistedWhileTheRequestStreams() throws Exception {
        KinesisVideoClient video = video();
        String name = uniqueName("cam");
        activeStream(video, name, 24);
        UUID streamId = streamId(name);
        long start = Instant.now().toEpochMilli() - 60_000;

        try (PutMediaClient producer = producer(name, "ABSOLUTE")) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            producer.send(TestMkv.cluster(start, clip.frames().subList(0, 10), 100));
            // the first fragment is persisted before the producer sends any more: acknowledged while streaming
            JsonNode buffering = producer.nextAck(ACK_WAIT);
            JsonNode received = producer.nextAck(ACK_WAIT);
            JsonNode persisted = producer.nextAck(ACK_WAIT);
            assertThat(List.of(buffering, received, persisted))
                    .extracting(a -> a.get("EventType").asString())
                    .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
            assertThat(persisted.get("FragmentTimecode").asLong()).isEqualTo(start);
            assertThat(persisted.get("FragmentNumber").asString())
                    .matches("\\d{47}")
                    .isEqualTo(buffering.get("FragmentNumber").asString());
            assertThat(producer.status()).isEqualTo(200);

            producer.send(TestMkv.cluster(start + 1000, clip.frames().subList(10, 20), 100));
            producer.send(TestMkv.cluster(start + 2000, clip.frames().subList(20, 30), 100));
            producer.finish();
            List<JsonNode> rest = producer.acksUntilEnd(ACK_WAIT);
            assertThat(rest)
                    .extracting(a -> a.get("EventType").asString() + "@"
                            + a.get("FragmentTimecode").asLong())
                    .containsExactly(
                            "BUFFERING@" + (start + 1000),
                            "RECEIVED@" + (start + 1000),
                            "PERSISTED@" + (start + 1000),
                            "BUFFERING@" + (start + 2000),
                            "RECEIVED@" + (start + 2000),
                            "PERSISTED@" + (start + 2000));
        }

        List<FragmentView> fragments = index.of(streamId);
        assertThat(fragments).hasSize(3);
        assertThat(fragments)
                .extracting(f -> f.producerTimestamp().toEpochMilli())
                .containsExactly(start, start + 1000, start + 2000);
        assertThat(fragments).allSatisfy(f -> {
            assertThat(f.durationMillis()).isEqualTo(1000);
            assertThat(f.serverTimestamp()).isAfter(Instant.now().minusSeconds(60));
            byte[] stored = TestS3.client()
                    .getObjectAsBytes(r -> r.bucket("shardline-video").key(f.objectKey()))
                    .asByteArray();
            assertThat(stored).hasSize((int) f.sizeBytes());
            // sealed at rest: neither the header nor a frame is in the stored bytes
            assertThat(indexOf(stored, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}))
                    .isNegative();
            assertThat(indexOf(stored, clip.codecPrivate())).isNegative();
            assertThat(indexOf(stored, clip.frames().get(1).avcc())).isNegative();
            // opened, a self-contained MKV: the EBML header, the tracks with the H.264 CodecPrivate, the one cluster
            byte[] mkv = seal.open(f.objectKey(), stored);
            assertThat(mkv).startsWith(0x1A, 0x45, 0xDF, 0xA3);
            assertThat(indexOf(mkv, clip.codecPrivate())).isPositive();
            assertThat(indexOf(mkv, clip.frames().get(0).avcc()) >= 0
                            || indexOf(mkv, clip.frames().get(10).avcc()) >= 0
                            || indexOf(mkv, clip.frames().get(20).avcc()) >= 0)
                    .isTrue();
        });
        assertThat(fragments.get(0).fragmentNumber())
                .isLessThan(fragments.get(1).fragmentNumber());
    }

    @Test
    void relativeTimecodesCountFromTheProducerStart() throws Exception {
        String name = uniqueName("rel");
        activeStream(video(), name, 1);
        try (PutMediaClient producer = new PutMediaClient(
                port,
                ACCOUNT,
                Map.of(
                        "x-amzn-stream-name", name,
                        "x-amzn-fragment-timecode-type", "RELATIVE",
                        "x-amzn-producer-start-timestamp", "1700000000.250"))) {
            producer.send(TestMkv.concat(
                    TestMkv.header(clip.codecPrivate()),
                    TestMkv.cluster(500, clip.frames().subList(0, 10), 100)));
            producer.finish();
            assertThat(producer.acksUntilEnd(ACK_WAIT))
                    .extracting(a -> a.get("EventType").asString())
                    .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
        }
        assertThat(index.of(streamId(name)))
                .extracting(f -> f.producerTimestamp())
                .containsExactly(Instant.parse("2023-11-14T22:13:20.750Z"));
    }

    @Test
    void aTimecodeGoingBackwardsIsAnErrorAndOnlyTheFragmentsBeforeItAreIndexed() throws Exception {
        String name = uniqueName("back");
        activeStream(video(), name, 1);
        long start = 1_700_000_000_000L;
        List<JsonNode> acks;
        try (PutMediaClient producer = producer(name, "ABSOLUTE")) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            producer.send(TestMkv.cluster(start + 2000, clip.frames().subList(0, 10), 100));
            producer.send(TestMkv.cluster(start + 1000, clip.frames().subList(10, 20), 100));
            producer.finish();
            acks = producer.acksUntilEnd(ACK_WAIT);
        }

        assertThat(acks)
                .extracting(a -> a.get("EventType").asString())
                .containsExactly("BUFFERING", "RECEIVED", "PERSISTED", "ERROR");
        JsonNode error = acks.get(3);
        assertThat(error.get("ErrorId").asInt()).isEqualTo(4004);
        assertThat(error.get("ErrorCode").asString()).isEqualTo("FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS");
        assertThat(error.get("FragmentTimecode").asLong()).isEqualTo(start + 1000);
        assertThat(index.of(streamId(name)))
                .extracting(f -> f.producerTimestamp().toEpochMilli())
                .containsExactly(start + 2000);
    }

    @Test
    void malformedMkvIsAnInvalidMkvErrorAndNothingIsIndexed() throws Exception {
        String name = uniqueName("bad");
        activeStream(video(), name, 1);

        try (PutMediaClient producer = producer(name, "ABSOLUTE")) {
            producer.send("this is not a matroska stream at all".getBytes());
            producer.finish();
            List<JsonNode> acks = producer.acksUntilEnd(ACK_WAIT);
            assertThat(acks).extracting(a -> a.get("EventType").asString()).containsExactly("ERROR");
            assertThat(acks.get(0).get("ErrorId").asInt()).isEqualTo(4006);
        }
        assertThat(index.of(streamId(name))).isEmpty();
    }

    @Test
    void aClusterCutOffByTheEndOfTheStreamIsNotIndexed() throws Exception {
        String name = uniqueName("cut");
        activeStream(video(), name, 1);
        byte[] second = TestMkv.cluster(2000, clip.frames().subList(10, 20), 100);
        List<JsonNode> acks;
        try (PutMediaClient producer = producer(name, "ABSOLUTE")) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            producer.send(TestMkv.cluster(1000, clip.frames().subList(0, 10), 100));
            producer.send(java.util.Arrays.copyOf(second, second.length / 2));
            producer.finish();
            acks = producer.acksUntilEnd(ACK_WAIT);
        }

        assertThat(acks)
                .extracting(a -> a.get("EventType").asString())
                .containsExactly("BUFFERING", "RECEIVED", "PERSISTED", "BUFFERING", "ERROR");
        assertThat(acks.get(4).get("ErrorId").asInt()).isEqualTo(4006);
        assertThat(acks.get(4).get("FragmentNumber").asString())
                .isEqualTo(acks.get(3).get("FragmentNumber").asString());
        assertThat(index.of(streamId(name)))
                .extracting(f -> f.producerTimestamp().toEpochMilli())
                .containsExactly(1000L);
    }

    @Test
    void aProducerThatDropsMidFragmentKeepsWhatWasPersistedAndIndexesNothingHalfWritten() throws Exception {
        String name = uniqueName("drop");
        activeStream(video(), name, 1);
        UUID streamId = streamId(name);
        byte[] second = TestMkv.cluster(2000, clip.frames().subList(10, 20), 100);
        try (PutMediaClient producer = producer(name, "ABSOLUTE")) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            producer.send(TestMkv.cluster(1000, clip.frames().subList(0, 10), 100));
            for (String expected : List.of("BUFFERING", "RECEIVED", "PERSISTED")) {
                assertThat(producer.nextAck(ACK_WAIT).get("EventType").asString())
                        .isEqualTo(expected);
            }
            producer.send(java.util.Arrays.copyOf(second, second.length / 2));
            assertThat(producer.nextAck(ACK_WAIT).get("EventType").asString()).isEqualTo("BUFFERING");
        } // the connection drops here, half a cluster in

        // Nothing of the half cluster is ever indexed: the index holds the first fragment alone, and keeps it so.
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(index.of(streamId))
                        .extracting(f -> f.producerTimestamp().toEpochMilli())
                        .containsExactly(1000L));
        // and the server still takes media on the stream
        try (PutMediaClient producer = producer(name, "ABSOLUTE")) {
            producer.send(TestMkv.concat(TestMkv.header(clip.codecPrivate()), second));
            producer.finish();
            assertThat(producer.acksUntilEnd(ACK_WAIT))
                    .extracting(a -> a.get("EventType").asString())
                    .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
        }
        assertThat(index.of(streamId)).hasSize(2);
    }

    @Test
    void aStreamWithoutRetentionIsAcknowledgedButNotPersisted() throws Exception {
        String name = uniqueName("live");
        activeStream(video(), name, 0);
        try (PutMediaClient producer = producer(name, "ABSOLUTE")) {
            producer.send(TestMkv.concat(
                    TestMkv.header(clip.codecPrivate()),
                    TestMkv.cluster(1000, clip.frames().subList(0, 10), 100)));
            producer.finish();
            assertThat(producer.acksUntilEnd(ACK_WAIT))
                    .extracting(a -> a.get("EventType").asString())
                    .containsExactly("BUFFERING", "RECEIVED");
        }
        assertThat(index.of(streamId(name))).isEmpty();
    }

    @Test
    void aQuietConnectionIsAcknowledgedIdle() throws Exception {
        String name = uniqueName("idle");
        activeStream(video(), name, 1);
        try (PutMediaClient producer = producer(name, "ABSOLUTE")) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            // nothing more is sent: after the idle interval (3 s by default) the server says it is still there
            assertThat(producer.nextAck(Duration.ofSeconds(10)).get("EventType").asString())
                    .isEqualTo("IDLE");
            producer.send(TestMkv.cluster(1000, clip.frames().subList(0, 10), 100));
            producer.finish();
            assertThat(producer.acksUntilEnd(ACK_WAIT))
                    .extracting(a -> a.get("EventType").asString())
                    .filteredOn(type -> !type.equals("IDLE"))
                    .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
        }
    }

    @Test
    void aStreamWhoseKmsKeyIsUnknownGetsTheKmsErrorAndNothingIsStored() throws Exception {
        String name = uniqueName("nokey");
        video().createStream(r -> r.streamName(name).dataRetentionInHours(1).kmsKeyId("alias/no-such-key"));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> video().describeStream(r -> r.streamName(name))
                        .streamInfo()
                        .statusAsString()
                        .equals("ACTIVE"));
        try (PutMediaClient producer = producer(name, "ABSOLUTE")) {
            producer.send(TestMkv.concat(
                    TestMkv.header(clip.codecPrivate()),
                    TestMkv.cluster(1000, clip.frames().subList(0, 10), 100)));
            producer.finish();
            List<JsonNode> acks = producer.acksUntilEnd(ACK_WAIT);
            assertThat(acks)
                    .extracting(a -> a.get("EventType").asString())
                    .containsExactly("BUFFERING", "RECEIVED", "ERROR");
            assertThat(acks.get(2).get("ErrorId").asInt()).isEqualTo(4506);
            assertThat(acks.get(2).get("ErrorCode").asString()).isEqualTo("KMS_KEY_NOT_FOUND");
        }
        assertThat(index.of(streamId(name))).isEmpty();
    }

    @Test
    void aStreamDeletedWhileTheProducerSendsEndsItWithStreamNotActive() throws Exception {
        KinesisVideoClient video = video();
        String name = uniqueName("del");
        String arn = activeStream(video, name, 1);
        try (PutMediaClient producer = producer(name, "ABSOLUTE")) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            producer.send(TestMkv.cluster(1000, clip.frames().subList(0, 10), 100));
            for (String expected : List.of("BUFFERING", "RECEIVED", "PERSISTED")) {
                assertThat(producer.nextAck(ACK_WAIT).get("EventType").asString())
                        .isEqualTo(expected);
            }
            video.deleteStream(r -> r.streamARN(arn));
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> video.listStreams(r -> r.streamNameCondition(
                                    c -> c.comparisonOperator("BEGINS_WITH").comparisonValue(name)))
                            .streamInfoList()
                            .isEmpty());

            producer.send(TestMkv.cluster(2000, clip.frames().subList(10, 20), 100));
            producer.finish();
            List<JsonNode> acks = producer.acksUntilEnd(ACK_WAIT);
            assertThat(acks)
                    .extracting(a -> a.get("EventType").asString())
                    .containsExactly("BUFFERING", "RECEIVED", "ERROR");
            assertThat(acks.get(2).get("ErrorId").asInt()).isEqualTo(4008);
        }
    }

    @Test
    void anUnknownStreamIsResourceNotFoundBeforeAnyMediaIsRead() throws Exception {
        try (PutMediaClient producer = producer(uniqueName("missing"), "ABSOLUTE")) {
            assertThat(producer.nextAck(ACK_WAIT)).isSameAs(PutMediaClient.END);
            assertThat(producer.status()).isEqualTo(404);
            assertThat(producer.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
        }
        try (PutMediaClient producer = new PutMediaClient(port, ACCOUNT, Map.of("x-amzn-stream-name", "x"))) {
            assertThat(producer.nextAck(ACK_WAIT)).isSameAs(PutMediaClient.END);
            assertThat(producer.header("x-amzn-ErrorType")).isEqualTo("InvalidArgumentException");
        }
    }

    private PutMediaClient producer(String stream, String timecodeType) throws Exception {
        return new PutMediaClient(
                port,
                ACCOUNT,
                Map.of(
                        "x-amzn-stream-name", stream,
                        "x-amzn-fragment-timecode-type", timecodeType,
                        "x-amzn-producer-start-timestamp",
                                String.valueOf(Instant.now().getEpochSecond())));
    }

    @Autowired
    dev.shardline.video.stream.VideoStreamService streams;

    private UUID streamId(String name) {
        return streams.describe(dev.shardline.video.stream.StreamSelector.byName(ACCOUNT, "eu-west-1", name))
                .id();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
