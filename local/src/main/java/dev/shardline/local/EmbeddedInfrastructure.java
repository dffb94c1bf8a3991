package dev.shardline.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts what the services need: an embedded PostgreSQL, an embedded Kafka broker and an embedded S3 endpoint, all
 * keeping their data under {@code shardline.data-dir}. Each is skipped when the property for an external one
 * ({@code spring.datasource.url}, {@code spring.kafka.bootstrap-servers}, {@code shardline.firehose.s3.endpoint}) is
 * set. The local key service's master key is kept there too, unless one is configured.
 *
 * <p>Start-up is the time users wait for, so the three servers start side by side on threads of their own, on ports
 * chosen beforehand, while the Spring context reads its configuration; the context waits for them just before it
 * creates the first bean that talks to one (the data source or a Kafka client), and in any case before it counts as
 * started. A server that fails to start fails the application. They stop after every bean that uses them.
 */
final class EmbeddedInfrastructure implements ApplicationListener<ApplicationEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    /** Next to the AWS endpoint's 4566, clear of 4567/4568 where kinesalite and kinesis-mock run for comparison. */
    static final int DEFAULT_S3_PORT = 4569;

    private static final String HOST = "127.0.0.1";

    private final List<Starting<?>> servers = new ArrayList<>();
    private Path dataDir;
    private long startedAt;
    private volatile boolean awaited;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent prepared
                && prepared.getApplicationContext() instanceof GenericApplicationContext context) {
            // A bean, so that it is destroyed after the beans that use the database and the broker.
            context.registerBean(
                    "embeddedInfrastructure",
                    EmbeddedInfrastructure.class,
                    () -> this,
                    definition -> definition.setDestroyMethodName("close"));
            context.getBeanFactory().addBeanPostProcessor(new AwaitBeforeFirstClient());
        } else if (event instanceof ApplicationStartedEvent) {
            awaitAll();
        } else if (event instanceof ApplicationFailedEvent) {
            close();
        }
    }

    private void start(ConfigurableEnvironment environment) {
        dataDir = Path.of(environment.getProperty("shardline.data-dir", "./data"))
                .toAbsolutePath()
                .normalize();
        Path tmp = RuntimeTemp.prepare(dataDir);
        startedAt = System.nanoTime();
        Map<String, Object> properties = new HashMap<>();
        if (!environment.containsProperty("server.tomcat.basedir")) {
            properties.put("server.tomcat.basedir", tmp.resolve("tomcat").toString());
        }
        if (!environment.containsProperty("shardline.kms.master-key")
                && "local".equalsIgnoreCase(environment.getProperty("shardline.kms.provider", "local"))) {
            properties.put("shardline.kms.master-key", LocalMasterKey.loadOrCreate(dataDir.resolve("kms/master-key")));
        }
        if (!environment.containsProperty("spring.datasource.url")) {
            Path dir = dataDir.resolve("postgres");
            int port = FreePorts.on(HOST, 1)[0];
            Path binaries = postgresBinaries(environment);
            Path passwordFile = postgresPasswordFile(dataDir);
            // made here, before the server's thread reads it
            String password = EmbeddedPostgresServer.password(passwordFile);
            servers.add(new Starting<>(
                    "PostgreSQL", dir, () -> EmbeddedPostgresServer.start(dir, passwordFile, binaries, port)));
            properties.put("spring.datasource.url", EmbeddedPostgresServer.jdbcUrl(port));
            properties.put("spring.datasource.username", EmbeddedPostgresServer.SUPERUSER);
            properties.put("spring.datasource.password", password);
        }
        if (!environment.containsProperty("spring.kafka.bootstrap-servers")) {
            Path dir = dataDir.resolve("kafka");
            int[] ports = FreePorts.on(HOST, 2);
            servers.add(new Starting<>("Kafka (KRaft)", dir, () -> EmbeddedKafkaBroker.start(dir, ports[0], ports[1])));
            properties.put("spring.kafka.bootstrap-servers", EmbeddedKafkaBroker.bootstrapServers(ports[0]));
        }
        if (!environment.containsProperty("shardline.firehose.s3.endpoint")) {
            Path dir = dataDir.resolve("s3");
            int configured = environment.getProperty("shardline.s3.port", Integer.class, DEFAULT_S3_PORT);
            int port = configured == 0 ? FreePorts.on(HOST, 1)[0] : configured;
            String endpoint = EmbeddedS3Server.endpoint(port).toString();
            // Shardline's own clients sign with a key of this process; users' clients with their configured keys
            String internalSecret = LocalS3Access.newSecret();
            Map<String, String> ownKeys = new HashMap<>();
            // Firehose, video fragments and analytics applications' code (S3ContentLocation) use the same endpoint,
            // unless one of them is pointed elsewhere; a key pair configured for one of them is let in too
            for (String service : List.of("firehose", "video", "analytics")) {
                String prefix = "shardline." + service + ".s3.";
                if (!service.equals("firehose") && environment.containsProperty(prefix + "endpoint")) {
                    continue;
                }
                properties.put(prefix + "endpoint", endpoint);
                String keyId = environment.getProperty(prefix + "access-key-id");
                String secret = environment.getProperty(prefix + "secret-access-key");
                if (keyId == null || secret == null) {
                    properties.put(prefix + "access-key-id", LocalS3Access.INTERNAL_KEY_ID);
                    properties.put(prefix + "secret-access-key", internalSecret);
                } else {
                    ownKeys.put(keyId, secret);
                }
            }
            ownKeys.put(LocalS3Access.INTERNAL_KEY_ID, internalSecret);
            EmbeddedS3Server.Access access = LocalS3Access.of(environment, ownKeys);
            servers.add(new Starting<>("S3 endpoint (S3Proxy)", dir, () -> EmbeddedS3Server.start(dir, port, access)));
        }
        environment.getPropertySources().addFirst(new MapPropertySource("shardline-embedded", properties));
    }

    /** Where the embedded PostgreSQL's superuser password is kept ({@code rw-------}). */
    static Path postgresPasswordFile(Path dataDir) {
        return dataDir.resolve("postgres-password");
    }

    /**
     * Where PostgreSQL's binaries are unpacked: a cache of this user's ({@code $XDG_CACHE_HOME/shardline/postgres},
     * else {@code ~/.cache/shardline/postgres}), shared by every data directory so that a new one does not unpack
     * them again, and not the world-writable {@code /tmp/embedded-pg} of zonky's default. The directory is made
     * {@code rwx------} at every start.
     * {@code shardline.postgres.binaries-dir} puts them elsewhere.
     */
    private static Path postgresBinaries(ConfigurableEnvironment environment) {
        String configured = environment.getProperty("shardline.postgres.binaries-dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("shardline").resolve("postgres");
    }

    /** Waits until every server has started; if one failed, stops the others and throws its failure. */
    private synchronized void awaitAll() {
        if (awaited || servers.isEmpty()) {
            return;
        }
        long waitFrom = System.nanoTime();
        RuntimeException failure = null;
        for (Starting<?> server : servers) {
            try {
                server.await();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            close();
            throw failure;
        }
        awaited = true;
        log.info(
                "Embedded infrastructure ready after {} ms (the context waited {} ms for it)",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitFrom));
    }

    @Override
    public synchronized void close() {
        // Kafka stops first: its log flush must not wait on anything else going away. A server still starting is
        // waited for, so that none is left running.
        List<AutoCloseable> running = new ArrayList<>();
        for (Starting<?> server : servers) {
            server.settled().ifPresent(resource -> {
                if (resource instanceof EmbeddedKafkaBroker) {
                    running.add(0, resource);
                } else {
                    running.add(resource);
                }
            });
        }
        servers.clear();
        for (AutoCloseable resource : running) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly", resource.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * Holds the creation of the first bean that connects to a server until all of them are up: the data source
     * (Flyway and Hibernate connect as soon as they are made) and the Kafka clients.
     */
    private final class AwaitBeforeFirstClient implements InstantiationAwareBeanPostProcessor {

        @Override
        public Object postProcessBeforeInstantiation(Class<?> beanClass, String beanName) {
            if (!awaited && connects(beanClass)) {
                awaitAll();
            }
            return null;
        }

        private static boolean connects(Class<?> beanClass) {
            String name = beanClass.getName();
            return DataSource.class.isAssignableFrom(beanClass)
                    || name.startsWith("org.springframework.kafka.")
                    || name.startsWith("dev.shardline.platform.kafka.");
        }
    }

    /** One embedded server starting on a thread of its own. */
    private static final class Starting<T extends AutoCloseable> {

        private final String name;
        private final CompletableFuture<T> server = new CompletableFuture<>();

        Starting(String name, Path dir, Supplier<T> start) {
            this.name = name;
            Thread thread = new Thread(
                    () -> {
                        long startedAt = System.nanoTime();
                        log.info("Starting embedded {} with data in {}", name, dir);
                        try {
                            T started = start.get();
                            log.info(
                                    "Embedded {} started in {} ms",
                                    name,
                                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
                            server.complete(started);
                        } catch (RuntimeException | Error e) {
                            server.completeExceptionally(e);
                        }
                    },
                    "start-" + name.split(" ")[0].toLowerCase(Locale.ROOT));
            thread.setDaemon(true);
            thread.start();
        }

        void await() {
            try {
                server.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("Embedded " + name + " did not start", e.getCause());
            }
        }

        /** The server once its start has ended, if it did start. */
        Optional<AutoCloseable> settled() {
            try {
                return Optional.of(server.join());
            } catch (CompletionException failed) {
                return Optional.empty();
            }
        }
    }
}
