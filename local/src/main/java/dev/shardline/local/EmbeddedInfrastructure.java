package dev.shardline.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts what the services need before the Spring context does: an embedded PostgreSQL, an embedded Kafka broker and
 * an embedded S3 endpoint, all keeping their data under {@code shardline.data-dir}. Each is skipped when the property
 * for an external one ({@code spring.datasource.url}, {@code spring.kafka.bootstrap-servers},
 * {@code shardline.firehose.s3.endpoint}) is set. They stop after every bean that uses them. The local key service's master key is kept
 * there too, unless one is configured.
 */
final class EmbeddedInfrastructure implements ApplicationListener<ApplicationEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    /** Next to the AWS endpoint's 4566, clear of 4567/4568 where kinesalite and kinesis-mock run for comparison. */
    static final int DEFAULT_S3_PORT = 4569;

    private final List<AutoCloseable> started = new ArrayList<>();
    private Path dataDir;

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
        } else if (event instanceof ApplicationFailedEvent) {
            close();
        }
    }

    Path dataDir() {
        return dataDir;
    }

    private void start(ConfigurableEnvironment environment) {
        dataDir = Path.of(environment.getProperty("shardline.data-dir", "./data"))
                .toAbsolutePath()
                .normalize();
        Map<String, Object> properties = new HashMap<>();
        if (!environment.containsProperty("shardline.kms.master-key")
                && "local".equalsIgnoreCase(environment.getProperty("shardline.kms.provider", "local"))) {
            properties.put("shardline.kms.master-key", LocalMasterKey.loadOrCreate(dataDir.resolve("kms/master-key")));
        }
        if (!environment.containsProperty("spring.datasource.url")) {
            log.info("Starting embedded PostgreSQL with data in {}", dataDir.resolve("postgres"));
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"));
            started.add(postgres);
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", "postgres");
        }
        if (!environment.containsProperty("spring.kafka.bootstrap-servers")) {
            log.info("Starting embedded Kafka (KRaft) with data in {}", dataDir.resolve("kafka"));
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"));
            started.add(0, kafka);
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        }
        if (!environment.containsProperty("shardline.firehose.s3.endpoint")) {
            int port = environment.getProperty("shardline.s3.port", Integer.class, DEFAULT_S3_PORT);
            log.info("Starting embedded S3 endpoint (S3Proxy) with data in {}", dataDir.resolve("s3"));
            EmbeddedS3Server s3 = EmbeddedS3Server.start(dataDir.resolve("s3"), port);
            started.add(s3);
            properties.put("shardline.firehose.s3.endpoint", s3.endpoint().toString());
            // The embedded endpoint checks no signature, but the SDK needs some credentials to sign with.
            if (!environment.containsProperty("shardline.firehose.s3.access-key-id")) {
                properties.put("shardline.firehose.s3.access-key-id", "shardline");
                properties.put("shardline.firehose.s3.secret-access-key", "shardline");
            }
        }
        environment.getPropertySources().addFirst(new MapPropertySource("shardline-embedded", properties));
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable resource : started) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly", resource.getClass().getSimpleName(), e);
            }
        }
        started.clear();
    }
}
