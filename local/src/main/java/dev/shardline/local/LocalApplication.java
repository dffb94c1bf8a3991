package dev.shardline.local;

import dev.shardline.analytics.AnalyticsServiceConfiguration;
import dev.shardline.firehose.FirehoseServiceConfiguration;
import dev.shardline.platform.boot.ServiceApplications;
import dev.shardline.streams.StreamsServiceConfiguration;
import dev.shardline.video.VideoServiceConfiguration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
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
        application.addListeners(new EmbeddedInfrastructure(), new ClassDataTraining());
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
        String base = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port"));
        log.info(
                "Shardline is ready: AWS endpoint {} (Kinesis_20131202, Firehose_20150804, KinesisAnalytics_20180523) "
                        + "| REST API {}/v1/streams, {}/v1/delivery-streams, {}/v1/applications | Kinesis Video "
                        + "Streams {} (REST-JSON), {}/v1/video-streams | S3 endpoint {} | Swagger UI "
                        + "{}/swagger-ui/index.html | console {}/console | health {}/actuator/health | data in {}",
                base,
                base,
                base,
                base,
                base,
                base,
                base,
                env.getProperty("shardline.firehose.s3.endpoint", "AWS S3"),
                base,
                base,
                dataDir(env));
    }
}
