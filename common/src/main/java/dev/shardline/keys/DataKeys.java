package dev.shardline.keys;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data keys in use, in front of the {@link KeyService}: a writer (a stream) encrypts with one data key until it
 * has used it for {@code data-key-reuse-period} or {@code data-key-max-records} records, and a reader unwraps each
 * data key once per period. So a record costs no KMS call, and a disabled key still takes effect within one period.
 */
public class DataKeys {

    private final KeyService keys;
    private final KmsProperties properties;
    private final Clock clock;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, Unwrapped> unwrapped = new ConcurrentHashMap<>();

    public DataKeys(KeyService keys, KmsProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The data key that {@code owner} encrypts its next {@code records} records with, under the key that {@code keyId}
     * names; a new one when the current one is used up. KMS errors (a disabled key, ...) come from here.
     */
    public DataKey forEncryption(String owner, KeyScope scope, String keyId, int records) {
        Instant now = clock.instant();
        String leaseKey = owner + '\n' + scope.accountId() + '\n' + scope.region() + '\n' + keyId;
        if (leases.size() >= properties.dataKeyCacheSize()) {
            leases.values().removeIf(lease -> !lease.expires().isAfter(now));
        }
        return leases.compute(leaseKey, (k, current) -> {
                    if (current != null && current.admits(now, records, properties.dataKeyMaxRecords())) {
                        return current;
                    }
                    DataKey fresh = keys.generateDataKey(scope, keyId);
                    remember(fresh.wrappedKey(), fresh.plaintextKey(), now);
                    return new Lease(fresh, now.plus(properties.dataKeyReusePeriod()), records);
                })
                .key();
    }

    /** The plaintext of a wrapped data key, as the key service unwraps it (once per period). */
    public byte[] plaintextOf(byte[] wrappedKey) {
        Instant now = clock.instant();
        Unwrapped cached = unwrapped.get(ByteBuffer.wrap(wrappedKey));
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.plaintext();
        }
        byte[] plaintext = keys.decrypt(wrappedKey);
        remember(wrappedKey, plaintext, now);
        return plaintext;
    }

    private void remember(byte[] wrappedKey, byte[] plaintext, Instant now) {
        if (unwrapped.size() >= properties.dataKeyCacheSize()) {
            unwrapped.values().removeIf(entry -> !entry.expires().isAfter(now));
            if (unwrapped.size() >= properties.dataKeyCacheSize()) {
                unwrapped.clear();
            }
        }
        unwrapped.put(
                ByteBuffer.wrap(wrappedKey.clone()),
                new Unwrapped(plaintext, now.plus(properties.dataKeyReusePeriod())));
    }

    private static final class Lease {
        private final DataKey key;
        private final Instant expires;
        private long used;

        Lease(DataKey key, Instant expires, long used) {
            this.key = key;
            this.expires = expires;
            this.used = used;
        }

        DataKey key() {
            return key;
        }

        Instant expires() {
            return expires;
        }

        /** Counts {@code records} against this key if it may still encrypt them; called under the map's lock. */
        boolean admits(Instant now, int records, long maxRecords) {
            if (!expires.isAfter(now) || used + records > maxRecords) {
                return false;
            }
            used += records;
            return true;
        }
    }

    private record Unwrapped(byte[] plaintext, Instant expires) {}
}
