package dev.shardline.local;

import dev.shardline.analytics.AnalyticsServiceConfiguration;
import dev.shardline.firehose.FirehoseServiceConfiguration;
import dev.shardline.platform.auth.CredentialStore;
import dev.shardline.platform.auth.SecurityMode;
import dev.shardline.platform.auth.SecurityProperties;
import dev.shardline.platform.boot.ServiceApplications;
import dev.shardline.streams.StreamsServiceConfiguration;
import dev.shardline.video.VideoServiceConfiguration;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Shardline all-in-one: embedded PostgreSQL, Kafka and an S3 endpoint, and every service on one port (4566 by
 * default), with data kept under {@code ./data} between runs.
 */
@SpringBootApplication
@Import({
    StreamsServiceConfiguration.class,
    FirehoseServiceConfiguration.class,
    AnalyticsServiceConfiguration.class,
    VideoServiceConfiguration.class
})
public class LocalApplication {

    private static final Logger log = LoggerFactory.getLogger(LocalApplication.class);

    public static void main(String[] args) {
        application().run(args);
    }

    /** The all-in-one runtime with the platform's shared defaults and the embedded infrastructure, not yet run. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(LocalApplication.class);
        Map<String, Object> defaults = ServiceApplications.defaults("shardline-local");
        // Flink's type extractor explains at INFO, once per field, why a connector's row is not a POJO.
        defaults.put("logging.level.org.apache.flink.api.java.typeutils.TypeExtractor", "WARN");
        application.setDefaultProperties(defaults);
        application.addListeners(
                new LocalSecurityMode(), new LocalTls(), new EmbeddedInfrastructure(), new ClassDataTraining());
        return application;
    }

    /** Tomcat's document root (empty: nothing is served from files) under the data directory, not in /tmp. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> documentRootUnderTheDataDirectory(Environment env) {
        return factory -> {
            java.nio.file.Path root = RuntimeTemp.dir(dataDir(env)).resolve("docroot");
            root.toFile().mkdirs();
            factory.setDocumentRoot(root.toFile());
        };
    }

    private static java.nio.file.Path dataDir(Environment env) {
        return java.nio.file.Path.of(env.getProperty("shardline.data-dir", "./data"))
                .toAbsolutePath()
                .normalize();
    }

    @EventListener
    void announce(ApplicationReadyEvent ready) {
        Environment env = ready.getApplicationContext().getEnvironment();
        String base = edgeUrl(env);
        log.info(
                "Shardline is ready: AWS endpoint {} (Kinesis_20131202, Firehose_20150804, KinesisAnalytics_20180523) "
                        + "| REST API {}/v1/streams, {}/v1/delivery-streams, {}/v1/applications | Kinesis Video "
                        + "Streams {} (REST-JSON), {}/v1/video-streams | S3 endpoint {} | Swagger UI "
                        + "{}/swagger-ui/index.html | console {}/console | health {}/actuator/health | data in {} | {}",
                base,
                base,
                base,
                base,
                base,
                base,
                env.getProperty("shardline.firehose.s3.endpoint", "AWS S3"),
                base,
                base,
                base,
                dataDir(env),
                security(ready.getApplicationContext()));
    }

    /** The edge's URL as a client on this machine writes it: https when TLS is on, the bound address unless loopback. */
    static String edgeUrl(Environment env) {
        String address = env.getProperty("server.address");
        String host = "localhost";
        if (address != null && !address.isBlank() && !LocalSecurityMode.isLoopback(address)) {
            try {
                InetAddress bound = InetAddress.getByName(address.trim());
                if (!bound.isAnyLocalAddress()) {
                    host = bound instanceof Inet6Address ? "[" + address.trim() + "]" : address.trim();
                }
            } catch (UnknownHostException unresolved) {
                host = address.trim();
            }
        }
        return (LocalTls.enabled(env) ? "https" : "http") + "://" + host + ":"
                + env.getProperty("local.server.port", env.getProperty("server.port"));
    }

    private static String security(ApplicationContext context) {
        return security(
                context.getEnvironment(),
                context.getBean(SecurityProperties.class).mode(),
                context.getBean(CredentialStore.class).size());
    }

    /** The security mode and what it means here, and the certificate to trust when TLS is on. */
    static String security(Environment env, SecurityMode mode, int credentials) {
        String listening = "listening on " + LocalSecurityMode.describe(env.getProperty("server.address"));
        String security = mode == SecurityMode.ENFORCE
                ? "security mode enforce (SigV4 verified, " + credentials + " credential(s)), " + listening
                : "security mode accept-any (any signature passes: local play only), " + listening;
        if (!LocalTls.enabled(env)) {
            return security + ", plain HTTP";
        }
        String trust = env.getProperty(LocalTls.TRUST_FILE);
        return security
                + (trust == null
                        ? ", TLS"
                        : ", TLS with a self-signed certificate (SHA-256 " + env.getProperty(LocalTls.FINGERPRINT)
                                + "): clients trust " + trust);
    }
}
