package dev.shardline.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The all-in-one runtime's security mode when none is configured: {@code accept-any} only while the edge port listens
 * on loopback ({@code server.address} is a loopback address, as the runtime's own properties set it), {@code enforce}
 * as soon as it listens anywhere else (another address, or every interface when {@code server.address} is empty). Bound
 * beyond loopback with neither a mode nor a credential configured, the runtime does not start and says why. A mode set
 * anywhere (properties, environment, arguments) is kept as set.
 */
final class LocalSecurityMode implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String MODE = "shardline.security.mode";

    private static final Logger log = LoggerFactory.getLogger(LocalSecurityMode.class);
    private static final String DEFAULTS = "defaultProperties";
    private static final String SOURCE = "shardlineLocalSecurityMode";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        apply(event.getEnvironment());
    }

    /** After the configuration files are read, before the embedded servers start. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }

    static void apply(ConfigurableEnvironment environment) {
        if (configured(environment)) {
            return;
        }
        String address = environment.getProperty("server.address");
        boolean loopback = isLoopback(address);
        if (!loopback && !hasCredentials(environment)) {
            throw new IllegalStateException("Shardline listens on " + describe(address)
                    + ", not on loopback only, so it verifies every request's SigV4 signature"
                    + " (shardline.security.mode=enforce) and needs credentials: configure"
                    + " shardline.security.credentials[0].access-key-id / secret-access-key / account-id or"
                    + " shardline.security.credentials-file, or listen on loopback (server.address=127.0.0.1), or set"
                    + " shardline.security.mode=accept-any to let anyone who reaches the port act as any account");
        }
        String mode = loopback ? "accept-any" : "enforce";
        if (!loopback) {
            log.info(
                    "Listening on {}, not on loopback only: SigV4 signatures are verified ({}=enforce)",
                    describe(address),
                    MODE);
        }
        PropertySource<?> decided = new MapPropertySource(SOURCE, Map.of(MODE, mode));
        if (environment.getPropertySources().contains(DEFAULTS)) {
            environment.getPropertySources().addBefore(DEFAULTS, decided);
        } else {
            environment.getPropertySources().addLast(decided);
        }
    }

    /** Whether a mode is set anywhere but the shared defaults (which say {@code enforce} for standalone services). */
    private static boolean configured(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            String name = source.getName();
            if (!DEFAULTS.equals(name)
                    && !SOURCE.equals(name)
                    && !"configurationProperties".equals(name)
                    && source.containsProperty(MODE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCredentials(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        ResolvableType credentials = ResolvableType.forClassWithGenerics(
                List.class, ResolvableType.forClassWithGenerics(Map.class, String.class, String.class));
        return binder.bind("shardline.security.credentials", Bindable.of(credentials))
                        .isBound()
                || binder.bind("shardline.security.credentials-file", String.class)
                        .isBound();
    }

    /** An empty address means every interface, which is not loopback; so is a name that does not resolve. */
    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address.trim()).isLoopbackAddress();
        } catch (UnknownHostException unresolved) {
            return false;
        }
    }

    static String describe(String address) {
        return address == null || address.isBlank() ? "every interface" : address.trim();
    }
}
