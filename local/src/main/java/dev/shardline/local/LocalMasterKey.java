package dev.shardline.local;

import java.nio.file.Path;
import java.util.Base64;

/**
 * The all-in-one runtime's KMS master key ({@code shardline.kms.master-key} unless that is set): made on the first
 * start and kept in a file under the data directory that only its owner can read, so KMS keys and the records
 * encrypted under them survive restarts like the rest of the data. Whoever can read the data directory can read the
 * key too; set {@code shardline.kms.master-key} to keep it elsewhere.
 */
final class LocalMasterKey {

    private static final int KEY_BYTES = 32;

    private LocalMasterKey() {}

    /** The base64 key in {@code file}, made there first if the file does not exist. */
    static String loadOrCreate(Path file) {
        return LocalSecretFile.loadOrCreate(file, KEY_BYTES, Base64.getEncoder(), "KMS master key");
    }
}
