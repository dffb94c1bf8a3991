package dev.shardline.keys;

import dev.shardline.keys.KeyDescription.KeyState;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import dev.shardline.platform.seal.AesGcm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key service of a self-hosted deployment: KMS keys live in PostgreSQL (schema {@code keys}), each one's 256-bit
 * material sealed under the master key. A data key is wrapped as {@code format || key id || AES-GCM(material, data
 * key)}, so unwrapping it needs no other reference. {@code alias/aws/kinesis} (and {@code alias/aws/firehose},
 * {@code alias/aws/kinesisvideo}) is created in an account and region the
 * first time it is named there, as AWS creates its managed keys.
 */
public class LocalKeyService implements KeyService {

    public static final String KINESIS_ALIAS = "alias/aws/kinesis";
    /** The key of Firehose's server-side encryption with {@code AWS_OWNED_CMK}. */
    public static final String FIREHOSE_ALIAS = "alias/aws/firehose";
    /** The key of a Kinesis video stream created without a KmsKeyId. */
    public static final String KINESIS_VIDEO_ALIAS = "alias/aws/kinesisvideo";

    private static final Logger log = LoggerFactory.getLogger(LocalKeyService.class);
    private static final byte WRAP_FORMAT = 1;
    private static final int WRAP_HEADER_BYTES = 1 + 16;
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[^:]*:kms:([^:]*):(\\d{12}):key/(.+)");
    private static final Pattern ALIAS_ARN = Pattern.compile("arn:aws[^:]*:kms:([^:]*):(\\d{12}):(alias/.+)");
    private static final Pattern ALIAS_NAME = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");
    private static final Map<String, String> MANAGED_KEYS = Map.of(
            KINESIS_ALIAS, "Default key that protects my Kinesis data when no other key is defined",
            FIREHOSE_ALIAS, "Default key that protects my Firehose data when no other key is defined",
            KINESIS_VIDEO_ALIAS,
                    "Default key that protects my Kinesis Video Streams data when no other key is defined");
    private static final String KEY_COLUMNS =
            "id, account_id, region, description, aws_managed, key_state, material, master_key_id, created_at";

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final Clock clock;

    LocalKeyService(JdbcTemplate jdbc, MasterKey masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    @Override
    public DataKey generateDataKey(KeyScope scope, String keyId) {
        StoredKey key = resolve(scope, keyId);
        key.requireUsable();
        byte[] header = wrapHeader(key.id());
        byte[] dataKey = AesGcm.newKey();
        byte[] sealed = AesGcm.seal(unseal(key), dataKey, header);
        byte[] wrapped = ByteBuffer.allocate(header.length + sealed.length)
                .put(header)
                .put(sealed)
                .array();
        return new DataKey(dataKey, wrapped, key.arn());
    }

    @Override
    public byte[] decrypt(byte[] wrappedKey) {
        if (wrappedKey == null || wrappedKey.length <= WRAP_HEADER_BYTES || wrappedKey[0] != WRAP_FORMAT) {
            throw new IllegalArgumentException("Not a data key that this key service wrapped");
        }
        ByteBuffer in = ByteBuffer.wrap(wrappedKey, 1, 16);
        UUID id = new UUID(in.getLong(), in.getLong());
        StoredKey key = findById(id).orElseThrow(() -> KmsErrors.keyNotFound(id.toString()));
        key.requireUsable();
        byte[] header = Arrays.copyOfRange(wrappedKey, 0, WRAP_HEADER_BYTES);
        byte[] sealed = Arrays.copyOfRange(wrappedKey, WRAP_HEADER_BYTES, wrappedKey.length);
        try {
            return AesGcm.open(unseal(key), sealed, header);
        } catch (AesGcm.TamperedException e) {
            throw new IllegalStateException("Data key wrapped under " + key.arn() + " was altered", e);
        }
    }

    @Override
    public KeyDescription describe(KeyScope scope, String keyId) {
        return describe(resolve(scope, keyId));
    }

    /** A new customer managed key, enabled, named by {@code aliasName} too unless that is null. */
    public KeyDescription createKey(KeyScope scope, String description, String aliasName) {
        if (aliasName != null) {
            checkAliasName(aliasName);
            if (findByAlias(scope, aliasName).isPresent()) {
                throw aliasExists(scope, aliasName);
            }
        }
        // PostgreSQL cannot store a NUL in text: a ValidationException, not a 500 (found by StructureAwareFuzzTest)
        Validation.of().noNul("description", description).throwIfInvalid();
        StoredKey key = insertKey(scope, description == null ? "" : description, false);
        if (aliasName != null) {
            createAlias(scope, aliasName, key.id().toString());
        }
        return describe(key);
    }

    /** Names a key by an alias ({@code alias/...}; {@code alias/aws/} is reserved for AWS managed keys). */
    public void createAlias(KeyScope scope, String aliasName, String keyId) {
        checkAliasName(aliasName);
        StoredKey key = resolve(scope, keyId);
        int inserted = jdbc.update(
                "insert into keys.kms_alias (account_id, region, alias_name, key_id) values (?, ?, ?, ?) "
                        + "on conflict do nothing",
                scope.accountId(),
                scope.region(),
                aliasName,
                key.id());
        if (inserted == 0) {
            throw aliasExists(scope, aliasName);
        }
    }

    private static void checkAliasName(String aliasName) {
        if (aliasName == null || !ALIAS_NAME.matcher(aliasName).matches()) {
            throw AwsErrorType.VALIDATION.exception("Alias must match " + ALIAS_NAME.pattern() + ".");
        }
        if (aliasName.startsWith("alias/aws/")) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Alias names starting with alias/aws/ are reserved.");
        }
    }

    private static RuntimeException aliasExists(KeyScope scope, String aliasName) {
        return AwsErrorType.RESOURCE_IN_USE.exception(
                "An alias with the name " + scope.aliasArn(aliasName) + " already exists");
    }

    /** EnableKey / DisableKey. AWS managed keys cannot be disabled. */
    public KeyDescription setEnabled(KeyScope scope, String keyId, boolean enabled) {
        StoredKey key = resolve(scope, keyId);
        if (key.awsManaged()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    key.arn() + " is an AWS managed key; it cannot be enabled or disabled.");
        }
        if (key.state() == KeyState.PENDING_DELETION) {
            throw KmsErrors.pendingDeletion(key.arn());
        }
        jdbc.update(
                "update keys.kms_key set key_state = ? where id = ?",
                (enabled ? KeyState.ENABLED : KeyState.DISABLED).name(),
                key.id());
        log.info("KMS key {} {}", key.arn(), enabled ? "enabled" : "disabled");
        return describe(findById(key.id()).orElseThrow());
    }

    /** The keys of an account and region, oldest first. */
    public List<KeyDescription> list(KeyScope scope) {
        return jdbc
                .query(
                        "select " + KEY_COLUMNS + " from keys.kms_key where account_id = ? and region = ? "
                                + "order by created_at, id",
                        LocalKeyService::storedKey,
                        scope.accountId(),
                        scope.region())
                .stream()
                .map(this::describe)
                .toList();
    }

    /** The key that a key id, key ARN, alias name or alias ARN names; KMSNotFoundException when none. */
    private StoredKey resolve(KeyScope scope, String keyId) {
        if (keyId == null || keyId.isBlank()) {
            throw KmsErrors.invalidKeyId(String.valueOf(keyId));
        }
        Matcher aliasArn = ALIAS_ARN.matcher(keyId);
        if (aliasArn.matches()) {
            return byAlias(new KeyScope(aliasArn.group(2), aliasArn.group(1)), aliasArn.group(3));
        }
        Matcher keyArn = KEY_ARN.matcher(keyId);
        if (keyArn.matches()) {
            return byId(new KeyScope(keyArn.group(2), keyArn.group(1)), keyArn.group(3));
        }
        if (keyId.startsWith("alias/")) {
            return byAlias(scope, keyId);
        }
        return byId(scope, keyId);
    }

    private StoredKey byId(KeyScope scope, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw KmsErrors.invalidKeyId(id);
        }
        return findById(uuid)
                .filter(key -> key.accountId().equals(scope.accountId())
                        && key.region().equals(scope.region()))
                .orElseThrow(() -> KmsErrors.keyNotFound(scope.keyArn(id)));
    }

    private StoredKey byAlias(KeyScope scope, String aliasName) {
        Optional<StoredKey> key = findByAlias(scope, aliasName);
        if (key.isPresent()) {
            return key.get();
        }
        if (!MANAGED_KEYS.containsKey(aliasName)) {
            throw KmsErrors.aliasNotFound(scope.aliasArn(aliasName));
        }
        StoredKey created = insertKey(scope, MANAGED_KEYS.get(aliasName), true);
        int named = jdbc.update(
                "insert into keys.kms_alias (account_id, region, alias_name, key_id) values (?, ?, ?, ?) "
                        + "on conflict do nothing",
                scope.accountId(),
                scope.region(),
                aliasName,
                created.id());
        if (named == 0) {
            // Another caller created the managed key at the same moment; theirs is the one.
            jdbc.update("delete from keys.kms_key where id = ?", created.id());
        } else {
            log.info("Created the AWS managed key {} ({})", aliasName, created.arn());
        }
        return findByAlias(scope, aliasName).orElseThrow();
    }

    private StoredKey insertKey(KeyScope scope, String description, boolean awsManaged) {
        UUID id = UUID.randomUUID();
        byte[] material = masterKey.seal(AesGcm.newKey(), materialAad(id));
        Instant now = clock.instant();
        jdbc.update(
                "insert into keys.kms_key (" + KEY_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                scope.accountId(),
                scope.region(),
                description,
                awsManaged,
                KeyState.ENABLED.name(),
                material,
                masterKey.id(),
                Timestamp.from(now));
        return findById(id).orElseThrow();
    }

    private Optional<StoredKey> findById(UUID id) {
        return jdbc
                .query("select " + KEY_COLUMNS + " from keys.kms_key where id = ?", LocalKeyService::storedKey, id)
                .stream()
                .findFirst();
    }

    private Optional<StoredKey> findByAlias(KeyScope scope, String aliasName) {
        return jdbc
                .query(
                        "select k." + KEY_COLUMNS.replace(", ", ", k.") + " from keys.kms_alias a "
                                + "join keys.kms_key k on k.id = a.key_id "
                                + "where a.account_id = ? and a.region = ? and a.alias_name = ?",
                        LocalKeyService::storedKey,
                        scope.accountId(),
                        scope.region(),
                        aliasName)
                .stream()
                .findFirst();
    }

    private KeyDescription describe(StoredKey key) {
        List<String> aliases = jdbc.queryForList(
                "select alias_name from keys.kms_alias where key_id = ? order by alias_name", String.class, key.id());
        return new KeyDescription(
                key.id().toString(),
                key.arn(),
                key.state(),
                key.awsManaged(),
                key.description(),
                key.createdAt(),
                aliases);
    }

    private byte[] unseal(StoredKey key) {
        if (!key.masterKeyId().equals(masterKey.id())) {
            throw new IllegalStateException("KMS key " + key.arn() + " was sealed under the master key with id "
                    + key.masterKeyId() + ", but shardline.kms.master-key is the one with id " + masterKey.id()
                    + "; configure the master key that the keys were created with");
        }
        try {
            return masterKey.open(key.material(), materialAad(key.id()));
        } catch (AesGcm.TamperedException e) {
            throw new IllegalStateException("The material of KMS key " + key.arn() + " was altered", e);
        }
    }

    /** Binds sealed material to its key's id, so material copied to another key's row does not open. */
    private static byte[] materialAad(UUID id) {
        return ("shardline kms key " + id).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrapHeader(UUID id) {
        return ByteBuffer.allocate(WRAP_HEADER_BYTES)
                .put(WRAP_FORMAT)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }

    private static StoredKey storedKey(ResultSet rs, int row) throws SQLException {
        return new StoredKey(
                rs.getObject("id", UUID.class),
                rs.getString("account_id"),
                rs.getString("region"),
                rs.getString("description"),
                rs.getBoolean("aws_managed"),
                KeyState.valueOf(rs.getString("key_state")),
                rs.getBytes("material"),
                rs.getString("master_key_id"),
                rs.getTimestamp("created_at").toInstant());
    }

    private record StoredKey(
            UUID id,
            String accountId,
            String region,
            String description,
            boolean awsManaged,
            KeyState state,
            byte[] material,
            String masterKeyId,
            Instant createdAt) {

        String arn() {
            return new KeyScope(accountId, region).keyArn(id.toString());
        }

        void requireUsable() {
            KmsErrors.requireUsable(state, arn());
        }
    }
}
