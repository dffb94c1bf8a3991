package dev.shardline.streams.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.kinesis.common.DdbTableConfig;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseRefresher;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.leases.dynamodb.TableCreatorCallback;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * The KCL's own lease code (amazon-kinesis-client 3.1.0's {@link DynamoDBLeaseRefresher}, on the SDK's async DynamoDB
 * client as the KCL builds it) against the lease store: every call it makes for a lease's life, without a whole KCL
 * application.
 */
class KclLeaseRefresherTest extends StreamsIntegrationTest {

    private DynamoDBLeaseRefresher refresher(String table) {
        DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
                .build();
        return new DynamoDBLeaseRefresher(
                table,
                dynamo,
                new DynamoDBLeaseSerializer(),
                true,
                TableCreatorCallback.NOOP_TABLE_CREATOR_CALLBACK,
                Duration.ofSeconds(30),
                new DdbTableConfig(),
                true,
                true,
                List.of());
    }

    private static Lease newLease(String key) {
        Lease lease = new Lease();
        lease.leaseKey(key);
        lease.leaseCounter(0L);
        lease.checkpoint(ExtendedSequenceNumber.TRIM_HORIZON);
        lease.ownerSwitchesSinceCheckpoint(0L);
        lease.parentShardIds(List.of());
        return lease;
    }

    @Test
    void aLeaseLivesThroughTheKclsOwnLeaseRefresher() throws Exception {
        String table = "kcl-app-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoDBLeaseRefresher worker1 = refresher(table);
        DynamoDBLeaseRefresher worker2 = refresher(table);

        assertThat(worker1.createLeaseTableIfNotExists()).isTrue();
        assertThat(worker1.waitUntilLeaseTableExists(1, 30)).isTrue();
        assertThat(worker2.createLeaseTableIfNotExists()).isFalse();
        assertThat(worker1.createLeaseOwnerToLeaseKeyIndexIfNotExists()).isEqualTo("ACTIVE");
        assertThat(worker1.waitUntilLeaseOwnerToLeaseKeyIndexExists(1, 30)).isTrue();
        assertThat(worker1.isLeaseTableEmpty()).isTrue();

        String key = "shardId-000000000000";
        assertThat(worker1.createLeaseIfNotExists(newLease(key))).isTrue();
        assertThat(worker2.createLeaseIfNotExists(newLease(key))).isFalse();
        assertThat(worker1.createLeaseIfNotExists(newLease("shardId-000000000001")))
                .isTrue();

        // worker 1 takes the lease and renews it; worker 2's copy is then stale and cannot take it
        Lease mine = worker1.getLease(key);
        Lease theirs = worker2.getLease(key);
        assertThat(worker1.takeLease(mine, "worker-1")).isTrue();
        assertThat(mine.leaseOwner()).isEqualTo("worker-1");
        assertThat(worker1.renewLease(mine)).isTrue();
        assertThat(worker2.takeLease(theirs, "worker-2")).isFalse();

        // a checkpoint
        mine.checkpoint(new ExtendedSequenceNumber("49590338271490256608559692538361571095921575989136588898", 3L));
        assertThat(worker1.updateLease(mine)).isTrue();
        assertThat(worker2.getCheckpoint(key))
                .isEqualTo(new ExtendedSequenceNumber("49590338271490256608559692538361571095921575989136588898", 3L));

        assertThat(worker2.listLeases())
                .extracting(Lease::leaseKey, Lease::leaseOwner)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(key, "worker-1"),
                        org.assertj.core.groups.Tuple.tuple("shardId-000000000001", null));
        assertThat(worker2.listLeaseKeysForWorker("worker-1")).containsExactly(key);
        ExecutorService scanners = Executors.newFixedThreadPool(4);
        try {
            assertThat(worker2.listLeasesParallely(scanners, 4).getKey())
                    .extracting(Lease::leaseKey)
                    .containsExactlyInAnyOrder(key, "shardId-000000000001");
            assertThat(worker2.listLeasesParallely(scanners, 0).getKey()).hasSize(2);
        } finally {
            scanners.shutdownNow();
        }

        // worker 2 evicts worker 1 (as the lease assignment does), then takes the lease with a fresh copy
        assertThat(worker2.evictLease(worker2.getLease(key))).isTrue();
        Lease evicted = worker2.getLease(key);
        assertThat(evicted.leaseOwner()).isNull();
        assertThat(worker1.renewLease(mine)).isFalse();
        assertThat(worker2.takeLease(evicted, "worker-2")).isTrue();
        assertThat(worker1.listLeaseKeysForWorker("worker-2")).containsExactly(key);
        assertThat(worker1.getLease(key).checkpoint())
                .isEqualTo(new ExtendedSequenceNumber("49590338271490256608559692538361571095921575989136588898", 3L));

        worker2.deleteLease(evicted);
        assertThat(worker1.getLease(key)).isNull();
    }
}
