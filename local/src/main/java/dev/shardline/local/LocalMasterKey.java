package dev.shardline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one runtime's KMS master key ({@code shardline.kms.master-key} unless that is set): made on the first
 * start and kept in a file under the data directory that only its owner can read, so KMS keys and the records
 * encrypted under them survive restarts like the rest of the data. Whoever can read the data directory can read the
 * key too; set {@code shardline.kms.master-key} to keep it elsewhere.
 */
final class LocalMasterKey {

    private static final Logger log = LoggerFactory.getLogger(LocalMasterKey.class);
    private static final int KEY_BYTES = 32;

    private LocalMasterKey() {}

    /** The base64 key in {@code file}, made there first if the file does not exist. */
    static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            // Written beside the file and moved into place, so a crash never leaves half a key to be read later.
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(
                        partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(partial);
            }
            Files.writeString(partial, encoded + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Created the KMS master key in {}", file);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the KMS master key " + file, e);
        }
    }
}
