package dev.shardline.analytics.engine;

import dev.shardline.platform.error.AwsErrorType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * Finds retained checkpoints on the local disk: Flink writes them as {@code <dir>/<job id>/chk-<n>/_metadata}, the
 * metadata file last, so a {@code chk-n} with {@code _metadata} is complete.
 */
final class Checkpoints {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

    private Checkpoints() {}

    /** The complete checkpoint with the highest number under any job's directory, newest first on a tie. */
    static Optional<String> latest(String checkpointDirectory) {
        Path root = localPath(checkpointDirectory);
        if (root == null) {
            return latestRemote(checkpointDirectory);
        }
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(root)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(Checkpoints::completeCheckpoints)
                    .max(Comparator.comparingLong(Checkpoints::modified).thenComparingLong(Checkpoints::number))
                    .map(path -> path.toUri().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The same search through Flink's file system of the location's scheme ({@code s3://} with the S3 plugin, see
     * {@link FlinkFileSystems}): an object store lists "directories" by prefix.
     */
    private static Optional<String> latestRemote(String checkpointDirectory) {
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(checkpointDirectory);
        try {
            FileSystem fs = root.getFileSystem();
            if (!fs.exists(root)) {
                return Optional.empty();
            }
            org.apache.flink.core.fs.Path best = null;
            long bestTime = -1;
            long bestNumber = -1;
            for (FileStatus job : fs.listStatus(root)) {
                if (!job.isDir()) {
                    continue;
                }
                for (FileStatus checkpoint : fs.listStatus(job.getPath())) {
                    Matcher m = CHECKPOINT.matcher(checkpoint.getPath().getName());
                    org.apache.flink.core.fs.Path metadata =
                            new org.apache.flink.core.fs.Path(checkpoint.getPath(), "_metadata");
                    if (!checkpoint.isDir() || !m.matches() || !fs.exists(metadata)) {
                        continue;
                    }
                    long time = fs.getFileStatus(metadata).getModificationTime();
                    long number = Long.parseLong(m.group(1));
                    if (time > bestTime || (time == bestTime && number > bestNumber)) {
                        best = checkpoint.getPath();
                        bestTime = time;
                        bestNumber = number;
                    }
                }
            }
            return Optional.ofNullable(best).map(org.apache.flink.core.fs.Path::toString);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Stream<Path> completeCheckpoints(Path jobDirectory) {
        try (Stream<Path> children = Files.list(jobDirectory)) {
            return children
                    .filter(p -> CHECKPOINT.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .toList()
                    .stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /**
     * Refuses a local snapshot or checkpoint location without its {@code _metadata} (deleted, or never complete); remote
     * ones are left to Flink.
     */
    static void requireRestorable(String location) {
        Path path = localPath(location);
        if (path != null && !Files.isRegularFile(path.resolve("_metadata")) && !Files.isRegularFile(path)) {
            throw AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception(
                    "The snapshot " + location + " cannot be restored: it does not exist or is incomplete");
        }
    }

    private static long number(Path checkpoint) {
        Matcher m = CHECKPOINT.matcher(checkpoint.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long modified(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path localPath(String directory) {
        if (directory.startsWith("file:")) {
            return Path.of(URI.create(directory));
        }
        return directory.contains("://") ? null : Path.of(directory);
    }
}
