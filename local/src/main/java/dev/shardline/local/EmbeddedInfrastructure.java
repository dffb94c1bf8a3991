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
 * Starts what the services need before the Spring context does: an embedded PostgreSQL and an embedded Kafka broker,
 * both keeping their data under {@code shardline.data-dir}. Each is skipped when the standard Spring property for an
 * external one ({@code spring.datasource.url}, {@code spring.kafka.bootstrap-servers}) is set. They stop after every
 * bean that uses them. The local key service's master key is kept there too, unless one is configured.
 */
final class EmbeddedInfrastructure implements ApplicationListener<ApplicationEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

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
