package dev.shardline.platform.boot;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a standalone service with the defaults every Shardline service shares. */
public final class ServiceApplications {

    /**
     * Defaults only: any property source, environment variables included, overrides them. Each service runs its own
     * Flyway history in its own schema (so Boot's single Flyway is off) and Hibernate only validates.
     */
    static final Map<String, Object> DEFAULTS = Map.of(
            "server.port", "4566",
            "server.http2.enabled", "true",
            // A request line or header that stops arriving, or a body idle between bytes, is dropped after 5 s
            // (Tomcat's default: 60 s); a kept-alive connection may idle for 20 s (HTTP/2's default) before its next
            // request. Connections beyond Tomcat's 8192, fewer if the file descriptor limit is lower (EdgeConnections).
            "server.tomcat.connection-timeout", "5s",
            "server.tomcat.keep-alive-timeout", "20s",
            "server.tomcat.max-connections", "16384",
            "spring.flyway.enabled", "false",
            "spring.jpa.open-in-view", "false",
            "spring.jpa.hibernate.ddl-auto", "validate",
            "management.endpoints.web.exposure.include", "health,info,metrics,prometheus",
            "logging.level.org.apache.kafka", "WARN");

    private ServiceApplications() {}

    /** The shared defaults with {@code spring.application.name} set to {@code name}. */
    public static Map<String, Object> defaults(String name) {
        Map<String, Object> defaults = new HashMap<>(DEFAULTS);
        defaults.put("spring.application.name", name);
        return defaults;
    }

    public static ConfigurableApplicationContext run(Class<?> application, String name, String[] args) {
        SpringApplication spring = new SpringApplication(application);
        spring.setDefaultProperties(defaults(name));
        return spring.run(args);
    }
}
