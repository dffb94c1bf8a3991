package dev.shardline.firehose.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An instance that dies as under kill -9 while records are put and delivered, at the worst point: its batch is in S3
 * but its offset is not committed. It never leaves the consumer group, so its partition waits for its session to
 * expire (10 s); then the surviving instance delivers it again from the last commit, onto the same object, and every
 * acknowledged record is in S3 exactly once. The dying instance runs as a process of its own (the only way to die
 * without closing anything), on the test's PostgreSQL, Kafka and S3.
 */
class FirehoseKilledInstanceTest extends FirehoseIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Path LOG = Path.of("target", "firehose-killed-instance.log");

    @Autowired
    DeliveryStreamService streams;

    @Test
    void anInstanceKilledBetweenItsS3WriteAndItsCommitLeavesItsPartitionToTheSurvivorWithoutLossOrDuplicates(
            @TempDir Path dir) throws Exception {
        String brokers = brokers();
        Process instanceB = startProcess(brokers, dir);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
                FirehoseClient firehoseA = SecondInstance.client(endpoint());
                FirehoseClient firehoseB =
                        SecondInstance.client(awaitEndpoint(instanceB, SecondInstance.portFile(dir)))) {
            String bucket = newBucket();
            String name = activeStream(firehoseB, bucket, "", 1, 1, "UNCOMPRESSED");
            DeliveryGroup group = new DeliveryGroup(admin, view(name));
            group.awaitMembers(2, DEADLINE);

            Putter putter =
                    new Putter(name, "killed", call -> call % 2 == 1 && instanceB.isAlive() ? firehoseB : firehoseA);
            try (putter) {
                putter.start(100);
                // Both instances have delivered (and committed) part of their partition when B dies.
                await().atMost(DEADLINE)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> group.committed().values().stream().allMatch(offset -> offset > 0));
                ConsumerGroupDescription shared = group.awaitMembers(2, DEADLINE);
                Files.writeString(SecondInstance.haltFile(dir), name);
                assertThat(instanceB.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                        .isTrue();
                assertThat(instanceB.exitValue()).isEqualTo(SecondInstance.HALTED);

                ConsumerGroupDescription survivor = group.awaitMembers(1, DEADLINE);
                MemberDescription memberOfA = survivor.members().iterator().next();
                assertThat(shared.members())
                        .extracting(MemberDescription::consumerId)
                        .contains(memberOfA.consumerId());
                TopicPartition partitionOfB = DeliveryGroup.partitionOfTheOther(shared, memberOfA);
                long endWhenBDied = group.endOffsets().get(partitionOfB);
                // Records go on through A alone, until some of them land in B's former partition.
                await().atMost(DEADLINE).until(() -> group.endOffsets().get(partitionOfB) > endWhenBDied + 200);
            }

            await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(group::fullyCommitted);
            List<String> received = idsIn(bucket);
            assertThat(received).doesNotHaveDuplicates();
            assertThat(putter.acknowledged()).isNotEmpty();
            assertThat(Putter.notIn(putter.acknowledged(), received))
                    .as("acknowledged, not in S3")
                    .isEmpty();
            assertThat(Putter.notIn(received, putter.attempted()))
                    .as("in S3, never put")
                    .isEmpty();
        } finally {
            instanceB.destroyForcibly();
        }
    }

    /** Starts instance B as a JVM of its own on the test's classpath; its output goes to {@link #LOG}. */
    private static Process startProcess(String brokers, Path directory) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                SecondInstance.class.getName(),
                String.valueOf(ProcessHandle.current().pid()),
                directory.toString()));
        command.addAll(SecondInstance.arguments(brokers));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile())
                .start();
    }

    private static URI awaitEndpoint(Process instance, Path portFile) throws IOException {
        await().atMost(DEADLINE).until(() -> Files.exists(portFile) || !instance.isAlive());
        assertThat(instance.isAlive())
                .as("instance B exited at startup; see %s", LOG.toAbsolutePath())
                .isTrue();
        return URI.create("http://127.0.0.1:" + Files.readString(portFile).trim());
    }

    private DeliveryStreamView view(String name) {
        return streams.active().stream()
                .filter(s -> s.ref().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The id of every line in the bucket's objects, duplicates included. */
    private List<String> idsIn(String bucket) {
        List<String> ids = new ArrayList<>();
        for (S3Object object : objects(bucket)) {
            new String(read(bucket, object.key()), StandardCharsets.UTF_8)
                    .lines()
                    .forEach(line -> ids.add(Putter.idOf(line)));
        }
        return ids;
    }
}
