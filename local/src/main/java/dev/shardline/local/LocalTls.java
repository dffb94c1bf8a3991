package dev.shardline.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * TLS on the edge port with a generated certificate ({@code shardline.tls.self-signed=true}): the certificate under
 * {@code <data-dir>/tls} ({@link SelfSignedCertificate}) becomes the SSL bundle {@value #BUNDLE} of the embedded
 * Tomcat, which then speaks HTTPS only, with HTTP/2 chosen by ALPN. A certificate configured through Spring Boot's own
 * properties ({@code server.ssl.bundle}, {@code server.ssl.certificate}, ...) needs none of this.
 */
final class LocalTls implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String SELF_SIGNED = "shardline.tls.self-signed";
    static final String BUNDLE = "shardline-self-signed";
    /** The PEM file a client trusts, for the ready line. */
    static final String TRUST_FILE = "shardline.tls.trust-file";

    static final String FINGERPRINT = "shardline.tls.fingerprint";

    private static final Logger log = LoggerFactory.getLogger(LocalTls.class);
    private static final String DEFAULTS = "defaultProperties";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        apply(event.getEnvironment());
    }

    /** After the configuration files are read, before the embedded servers start. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 31;
    }

    static void apply(ConfigurableEnvironment environment) {
        if (!environment.getProperty(SELF_SIGNED, Boolean.class, false)) {
            return;
        }
        for (String own : List.of("server.ssl.bundle", "server.ssl.certificate", "server.ssl.key-store")) {
            if (environment.containsProperty(own)) {
                throw new IllegalStateException(
                        SELF_SIGNED + "=true and " + own + " both give the edge port a certificate: keep one of them");
            }
        }
        Path dataDir = Path.of(environment.getProperty("shardline.data-dir", "./data"))
                .toAbsolutePath()
                .normalize();
        Path directory = Path.of(environment.getProperty(
                "shardline.tls.self-signed-dir", dataDir.resolve("tls").toString()));
        SelfSignedCertificate certificate = SelfSignedCertificate.loadOrCreate(directory, hosts(environment));
        log.info(
                "{} the self-signed TLS certificate of the edge port, SHA-256 fingerprint {}; clients trust {}",
                certificate.created() ? "Created" : "Using",
                certificate.sha256Fingerprint(),
                certificate.certificateFile());
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.ssl.bundle", BUNDLE);
        properties.put(
                "spring.ssl.bundle.pem." + BUNDLE + ".keystore.certificate",
                certificate.certificateFile().toUri().toString());
        properties.put(
                "spring.ssl.bundle.pem." + BUNDLE + ".keystore.private-key",
                certificate.keyFile().toUri().toString());
        properties.put(TRUST_FILE, certificate.certificateFile().toString());
        properties.put(FINGERPRINT, certificate.sha256Fingerprint());
        PropertySource<?> source = new MapPropertySource("shardlineSelfSignedTls", properties);
        if (environment.getPropertySources().contains(DEFAULTS)) {
            environment.getPropertySources().addBefore(DEFAULTS, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }

    /**
     * The names beyond loopback: {@code shardline.tls.self-signed-hosts} (comma-separated names and addresses) and the
     * address the edge is bound to, when it is one address.
     */
    private static List<String> hosts(Environment environment) {
        List<String> hosts = new ArrayList<>(Arrays.asList(
                environment.getProperty("shardline.tls.self-signed-hosts", "").split(",")));
        String address = environment.getProperty("server.address");
        if (address != null && !address.isBlank()) {
            try {
                if (!InetAddress.getByName(address.trim()).isAnyLocalAddress()) {
                    hosts.add(address.trim());
                }
            } catch (UnknownHostException unresolved) {
                // Tomcat reports it when it binds.
            }
        }
        return hosts;
    }

    /** Whether the edge port speaks TLS: a certificate configured and {@code server.ssl.enabled} not false. */
    static boolean enabled(Environment environment) {
        return environment.getProperty("server.ssl.enabled", Boolean.class, true)
                && (environment.containsProperty("server.ssl.bundle")
                        || environment.containsProperty("server.ssl.certificate")
                        || environment.containsProperty("server.ssl.key-store"));
    }
}
