package dev.shardline.platform.boot;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a standalone service with the defaults every Shardline service shares. */
public final class ServiceApplications {

    /**
     * Defaults only: any property source, environment variables included, overrides them. Each service runs its own
     * Flyway history in its own schema (so Boot's single Flyway is off), Hibernate only validates, and SigV4
     * signatures are verified ({@code shardline.security.mode=enforce}).
     */
    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("server.port", "4566"),
            Map.entry("server.http2.enabled", "true"),
            // A standalone service verifies every SigV4 signature unless accept-any is configured explicitly; it
            // does not start without a credential (AuthConfiguration). The all-in-one runtime decides its own.
            Map.entry("shardline.security.mode", "enforce"),
            // A request line or header that stops arriving, or a body idle between bytes, is dropped after 5 s
            // (Tomcat's default: 60 s); a kept-alive connection may idle for 20 s (HTTP/2's default) before its next
            // request. Connections beyond Tomcat's 8192, fewer if the file descriptor limit is lower (EdgeConnections).
            Map.entry("server.tomcat.connection-timeout", "5s"),
            Map.entry("server.tomcat.keep-alive-timeout", "20s"),
            Map.entry("server.tomcat.max-connections", "16384"),
            Map.entry("spring.flyway.enabled", "false"),
            Map.entry("spring.jpa.open-in-view", "false"),
            Map.entry("spring.jpa.hibernate.ddl-auto", "validate"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,metrics,prometheus"),
            Map.entry("logging.level.org.apache.kafka", "WARN"));

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
