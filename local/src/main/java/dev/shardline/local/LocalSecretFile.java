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
 * A random secret the all-in-one runtime makes on its first start and keeps in a file under the data directory that
 * only its owner can read ({@code rw-------}): the KMS master key, the embedded PostgreSQL's password.
 */
final class LocalSecretFile {

    private static final Logger log = LoggerFactory.getLogger(LocalSecretFile.class);

    private LocalSecretFile() {}

    /**
     * The secret in {@code file}, made there first (from {@code bytes} random bytes, encoded) if the file does not
     * exist.
     */
    static String loadOrCreate(Path file, int bytes, Base64.Encoder encoder, String what) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[bytes];
            new SecureRandom().nextBytes(secret);
            String encoded = encoder.encodeToString(secret);
            // Written beside the file and moved into place, so a crash never leaves half a secret to be read later.
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
            log.info("Created the {} in {}", what, file);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the " + what + " " + file, e);
        }
    }
}
