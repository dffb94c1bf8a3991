package dev.shardline.analytics.engine;

import dev.shardline.analytics.connector.ShardlineStreams;
import dev.shardline.kinesis.StreamCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * What a remote Flink cluster needs beyond its own distribution to run Shardline's {@code kinesis} connector: the
 * analytics service's classes (the connector), {@code common}'s (record envelope, shard maps) and the Kafka client, each
 * as the JAR it is loaded from in this JVM. A class directory (a build's {@code target/classes}) is packed into a JAR
 * once; a JAR nested in a Spring Boot executable JAR is copied out. They are uploaded with every job as its user JARs.
 */
final class ConnectorJars {

    private static final List<Class<?>> CARRIERS =
            List.of(ShardlineStreams.class, StreamCatalog.class, KafkaConsumer.class);

    private final Path directory;
    private List<Path> jars;

    ConnectorJars(Path directory) {
        this.directory = directory;
    }

    synchronized List<Path> jars() {
        if (jars == null) {
            Set<URL> sources = new LinkedHashSet<>();
            for (Class<?> carrier : CARRIERS) {
                CodeSource source = carrier.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    throw new IllegalStateException("Where " + carrier.getName() + " is loaded from is unknown");
                }
                sources.add(source.getLocation());
            }
            List<Path> found = new ArrayList<>();
            int n = 0;
            for (URL source : sources) {
                found.add(asJar(source, directory.resolve("connector-" + n++ + ".jar")));
            }
            jars = List.copyOf(found);
        }
        return jars;
    }

    private static Path asJar(URL source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            if ("file".equals(source.getProtocol())) {
                Path path = Path.of(source.toURI());
                if (Files.isRegularFile(path)) {
                    return path;
                }
                pack(path, target);
                return target;
            }
            // jar:nested:/app.jar/!BOOT-INF/lib/x.jar!/ in a Spring Boot executable JAR: copy the inner JAR out
            // through Boot's nested: handler.
            String nested = source.toString().replaceFirst("^jar:", "").replaceFirst("!/$", "");
            try (InputStream in = new URL(nested).openStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Packing " + source + " for the remote Flink cluster failed", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pack(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream entries = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                entries.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, entries);
                entries.closeEntry();
            }
        }
    }
}
