package dev.shardline.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's temporary files live under the data directory ({@code data/tmp}), not in the machine's shared
 * {@code /tmp}: Tomcat's work and document directories always (set here), and everything else the JVM writes there when
 * it is started with {@code -Djava.io.tmpdir} pointing at it, as {@code ./shardline} does (the JDK fixes its temporary
 * directory when the JVM starts; an application cannot move it later). Whatever a {@code kill -9} left there is removed
 * at the next start.
 */
final class RuntimeTemp {

    private static final Logger log = LoggerFactory.getLogger(RuntimeTemp.class);

    private RuntimeTemp() {}

    static Path dir(Path dataDir) {
        return dataDir.resolve("tmp");
    }

    /** Creates {@code dataDir/tmp} and removes what earlier runs left in it (anything older than this JVM). */
    static Path prepare(Path dataDir) {
        Path tmp = dir(dataDir);
        try {
            Files.createDirectories(tmp);
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            List<Path> stale;
            try (Stream<Path> entries = Files.list(tmp)) {
                stale = entries.filter(path -> path.toFile().lastModified() < jvmStart)
                        .toList();
            }
            for (Path path : stale) {
                delete(path);
            }
            if (!stale.isEmpty()) {
                log.info("Removed {} temporary files and directories left in {} by an earlier run", stale.size(), tmp);
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the temporary directory " + tmp, e);
        }
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
