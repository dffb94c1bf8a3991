package dev.shardline.streams.record;

import dev.shardline.keys.SecretSeal;
import dev.shardline.platform.seal.AesGcm;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The server secret that seals shard iterators, kept in PostgreSQL sealed under the master key so that every instance,
 * and the next start, accepts the same iterators while the row reveals nothing. A row of an older version, in plain
 * text, is sealed the first time it is read; a secret that the configured master key cannot open is replaced, which
 * only expires the iterators handed out (they live 5 minutes).
 */
@Component
class IteratorSecret {

    private static final Logger log = LoggerFactory.getLogger(IteratorSecret.class);
    static final String PURPOSE = "streams.iteratorSecret";

    private final JdbcTemplate jdbc;
    private final SecretSeal seal;

    IteratorSecret(JdbcTemplate jdbc, SecretSeal seal) {
        this.jdbc = jdbc;
        this.seal = seal;
    }

    /** The secret: made on first use by whichever instance gets there first, read by the others. */
    byte[] load() {
        jdbc.update(
                "insert into streams.iterator_key (id, secret, master_key_id) values (1, ?, ?) on conflict (id) do nothing",
                seal.seal(AesGcm.newKey(), PURPOSE),
                seal.masterKeyId());
        // Twice at most: a secret that could not be opened is replaced, by this instance or a concurrent one.
        for (int attempt = 0; ; attempt++) {
            Map<String, Object> row =
                    jdbc.queryForMap("select secret, master_key_id from streams.iterator_key where id = 1");
            byte[] stored = (byte[]) row.get("secret");
            String sealedUnder = (String) row.get("master_key_id");
            if (sealedUnder == null) {
                sealPlain(stored);
                return stored;
            }
            try {
                return seal.open(stored, sealedUnder, PURPOSE);
            } catch (SecretSeal.WrongMasterKeyException | AesGcm.TamperedException e) {
                if (attempt > 0) {
                    throw e;
                }
                log.warn(
                        "The shard-iterator secret cannot be opened with the configured master key ({}): replacing "
                                + "it, so the shard iterators handed out before are refused",
                        e.getMessage());
                jdbc.update(
                        "update streams.iterator_key set secret = ?, master_key_id = ? where id = 1 and master_key_id = ?",
                        seal.seal(AesGcm.newKey(), PURPOSE),
                        seal.masterKeyId(),
                        sealedUnder);
            }
        }
    }

    /** Seals a secret left in plain text by an older version; the secret itself stays, so its iterators still open. */
    private void sealPlain(byte[] plain) {
        int sealed = jdbc.update(
                "update streams.iterator_key set secret = ?, master_key_id = ? where id = 1 and master_key_id is null",
                seal.seal(plain, PURPOSE),
                seal.masterKeyId());
        if (sealed == 1) {
            log.info("Sealed the shard-iterator secret under the master key with id {}", seal.masterKeyId());
        }
    }
}
