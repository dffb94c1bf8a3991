package dev.shardline.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.keys.KeyDescription.KeyState;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.seal.AesGcm;
import dev.shardline.platform.testing.SharedPostgres;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The local key service against a real PostgreSQL, with the schema its own Flyway migration makes. */
class LocalKeyServiceTest {

    private static JdbcTemplate jdbc;
    private final MasterKey masterKey = MasterKey.of(AesGcm.newKey());
    private final LocalKeyService keys = new LocalKeyService(jdbc, masterKey, Clock.systemUTC());
    private KeyScope scope;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(SharedPostgres.jdbcUrl());
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(KeyServiceConfiguration.SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/migration/keys")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @BeforeEach
    void newAccount() {
        // Every test in an account of its own, so they share the database without seeing each other's keys.
        scope = new KeyScope(
                String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L)), "us-east-1");
    }

    @Test
    void aDataKeyIsUnwrappedBackToItsPlaintextAndTheWrappedFormHidesIt() {
        KeyDescription key = keys.createKey(scope, "orders", null);

        DataKey dataKey = keys.generateDataKey(scope, key.keyId());

        assertThat(dataKey.plaintextKey()).hasSize(32);
        assertThat(dataKey.keyArn()).isEqualTo(scope.keyArn(key.keyId())).isEqualTo(key.arn());
        assertThat(indexOf(dataKey.wrappedKey(), dataKey.plaintextKey())).isNegative();
        assertThat(keys.decrypt(dataKey.wrappedKey())).isEqualTo(dataKey.plaintextKey());
        assertThat(keys.generateDataKey(scope, key.keyId()).plaintextKey()).isNotEqualTo(dataKey.plaintextKey());
    }

    @Test
    void aKeyIsNamedByItsIdItsArnAnAliasOrTheAliasArn() {
        KeyDescription key = keys.createKey(scope, "payments", "alias/payments");

        assertThat(key.aliases()).containsExactly("alias/payments");
        for (String keyId : List.of(key.keyId(), key.arn(), "alias/payments", scope.aliasArn("alias/payments"))) {
            assertThat(keys.describe(scope, keyId).keyId()).as(keyId).isEqualTo(key.keyId());
            DataKey dataKey = keys.generateDataKey(scope, keyId);
            assertThat(dataKey.keyArn()).isEqualTo(key.arn());
        }
    }

    @Test
    void theKinesisManagedKeyIsCreatedOnFirstUseOncePerAccountAndRegion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<String>> first = IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> keys.describe(scope, LocalKeyService.KINESIS_ALIAS)
                                    .keyId(),
                            pool))
                    .toList();
            Set<String> ids = first.stream().map(CompletableFuture::join).collect(Collectors.toSet());

            assertThat(ids).hasSize(1);
            KeyDescription managed = keys.describe(scope, LocalKeyService.KINESIS_ALIAS);
            assertThat(managed.keyId()).isEqualTo(ids.iterator().next());
            assertThat(managed.awsManaged()).isTrue();
            assertThat(managed.aliases()).containsExactly(LocalKeyService.KINESIS_ALIAS);
            assertThat(keys.list(scope)).hasSize(1);
            KeyScope otherRegion = new KeyScope(scope.accountId(), "eu-west-1");
            assertThat(keys.describe(otherRegion, LocalKeyService.KINESIS_ALIAS).keyId())
                    .isNotEqualTo(managed.keyId());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFirehoseManagedKeyIsAnotherAwsManagedKeyOfItsOwn() {
        KeyDescription firehose = keys.describe(scope, LocalKeyService.FIREHOSE_ALIAS);

        assertThat(firehose.awsManaged()).isTrue();
        assertThat(firehose.aliases()).containsExactly(LocalKeyService.FIREHOSE_ALIAS);
        assertThat(firehose.description()).contains("Firehose");
        assertThat(keys.describe(scope, LocalKeyService.KINESIS_ALIAS).keyId()).isNotEqualTo(firehose.keyId());
        assertThat(keys.describe(scope, LocalKeyService.FIREHOSE_ALIAS).keyId()).isEqualTo(firehose.keyId());
    }

    @Test
    void unknownKeysAreKmsNotFoundInKmsWording() {
        String missing = UUID.randomUUID().toString();
        KeyDescription elsewhere = keys.createKey(new KeyScope("111122223333", "us-east-1"), "", null);

        assertKms(
                () -> keys.describe(scope, missing),
                AwsErrorType.KMS_NOT_FOUND,
                "Key '" + scope.keyArn(missing) + "' does not exist");
        assertKms(
                () -> keys.generateDataKey(scope, scope.keyArn(missing)),
                AwsErrorType.KMS_NOT_FOUND,
                "Key '" + scope.keyArn(missing) + "' does not exist");
        assertKms(
                () -> keys.generateDataKey(scope, "alias/nothing"),
                AwsErrorType.KMS_NOT_FOUND,
                "Alias " + scope.aliasArn("alias/nothing") + " is not found.");
        assertKms(() -> keys.describe(scope, "not-a-key"), AwsErrorType.KMS_NOT_FOUND, "Invalid keyId 'not-a-key'");
        // A key id names a key of the caller's own account only.
        assertKms(
                () -> keys.describe(scope, elsewhere.keyId()),
                AwsErrorType.KMS_NOT_FOUND,
                "Key '" + scope.keyArn(elsewhere.keyId()) + "' does not exist");
    }

    @Test
    void aDisabledKeyNeitherMakesNorUnwrapsDataKeysUntilItIsEnabledAgain() {
        KeyDescription key = keys.createKey(scope, "", null);
        DataKey dataKey = keys.generateDataKey(scope, key.keyId());

        assertThat(keys.setEnabled(scope, key.keyId(), false).state()).isEqualTo(KeyState.DISABLED);

        assertKms(
                () -> keys.generateDataKey(scope, key.keyId()), AwsErrorType.KMS_DISABLED, key.arn() + " is disabled.");
        assertKms(() -> keys.decrypt(dataKey.wrappedKey()), AwsErrorType.KMS_DISABLED, key.arn() + " is disabled.");
        assertKms(
                () -> keys.describe(scope, key.keyId()).requireUsable(),
                AwsErrorType.KMS_DISABLED,
                key.arn() + " is disabled.");

        keys.setEnabled(scope, key.keyId(), true);
        assertThat(keys.decrypt(dataKey.wrappedKey())).isEqualTo(dataKey.plaintextKey());
    }

    @Test
    void awsManagedKeysCannotBeDisabledAndAliasesUnderAwsAreReserved() {
        assertKms(
                () -> keys.setEnabled(scope, LocalKeyService.KINESIS_ALIAS, false),
                AwsErrorType.INVALID_ARGUMENT,
                "cannot be enabled or disabled");
        assertKms(() -> keys.createKey(scope, "", "alias/aws/mine"), AwsErrorType.INVALID_ARGUMENT, "reserved");
        keys.createKey(scope, "", "alias/taken");
        assertKms(() -> keys.createKey(scope, "", "alias/taken"), AwsErrorType.RESOURCE_IN_USE, "already exists");
        assertThat(keys.list(scope)).hasSize(2);
    }

    @Test
    void keyMaterialIsStoredSealedAndAnotherMasterKeyCannotOpenIt() {
        KeyDescription key = keys.createKey(scope, "", null);
        DataKey dataKey = keys.generateDataKey(scope, key.keyId());

        byte[] stored = jdbc.queryForObject(
                "select material from keys.kms_key where id = ?", byte[].class, UUID.fromString(key.keyId()));
        assertThat(stored).hasSize(12 + 32 + 16);

        LocalKeyService wrongMaster = new LocalKeyService(jdbc, MasterKey.of(AesGcm.newKey()), Clock.systemUTC());
        assertThatThrownBy(() -> wrongMaster.decrypt(dataKey.wrappedKey()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was sealed under the master key with id " + masterKey.id());
    }

    @Test
    void anAlteredWrappedKeyIsRefused() {
        KeyDescription key = keys.createKey(scope, "", null);
        byte[] wrapped = keys.generateDataKey(scope, key.keyId()).wrappedKey();
        wrapped[wrapped.length - 1] ^= 1;

        assertThatThrownBy(() -> keys.decrypt(wrapped))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was altered");
        assertThatThrownBy(() -> keys.decrypt(new byte[] {9, 9})).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertKms(Runnable call, AwsErrorType type, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(type))
                .hasMessageContaining(message);
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
