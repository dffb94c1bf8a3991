package dev.shardline.firehose.ingest;

import dev.shardline.firehose.TestFirehoseApplication;
import dev.shardline.firehose.TestS3;
import dev.shardline.firehose.pipeline.BatchSink;
import dev.shardline.platform.testing.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Another Firehose instance on the test's PostgreSQL, Kafka and S3, with two partitions per buffer topic: in the test's
 * JVM ({@link #start}), or as a process of its own ({@link #main}) that a test can kill.
 */
final class SecondInstance {

    private SecondInstance() {}

    /**
     * The instance's configuration: the shared test context's, but a random port and two partitions per topic, and a
     * producer that moves on to another partition every 16 KiB (Kafka's sticky partitioner switches after
     * {@code batch.size}, here 1 MiB otherwise), so that what is put through it reaches both partitions.
     */
    static List<String> arguments(String kafkaBrokers) {
        return List.of(
                "--server.port=0",
                "--spring.kafka.producer.batch-size=16384",
                "--spring.datasource.url=" + SharedPostgres.jdbcUrl(),
                "--spring.kafka.bootstrap-servers=" + kafkaBrokers,
                "--spring.flyway.enabled=false",
                "--spring.jpa.open-in-view=false",
                "--spring.jpa.hibernate.ddl-auto=validate",
                "--shardline.firehose.topic-partitions=2",
                "--shardline.firehose.state-transition-delay=50ms",
                "--shardline.firehose.retry-backoff=200ms",
                "--shardline.firehose.worker-reconcile-interval=1s",
                "--shardline.firehose.s3.endpoint=" + TestS3.endpoint(),
                "--shardline.firehose.s3.access-key-id=test",
                "--shardline.firehose.s3.secret-access-key=test");
    }

    static ConfigurableApplicationContext start(String kafkaBrokers) {
        return new SpringApplicationBuilder(TestFirehoseApplication.class)
                .run(arguments(kafkaBrokers).toArray(String[]::new));
    }

    static URI endpoint(ConfigurableApplicationContext instance) {
        return URI.create("http://127.0.0.1:" + port(instance));
    }

    private static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** The AWS SDK's client of an instance, without retries: a call is made once, so no record is put twice. */
    static FirehoseClient client(URI endpoint) {
        return FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The exit status of a process instance that halted itself as {@link #haltFile} asked. */
    static final int HALTED = 137;

    /**
     * Runs an instance as a process of its own: {@code <parent pid> <directory> <arguments...>}. It writes its HTTP
     * port to {@link #portFile} once it serves, and exits when the test JVM does, so a failed test leaves no process
     * behind. Once {@link #haltFile} names a delivery stream, the process halts as kill -9 would (no shutdown hook, no
     * consumer leaving its group) right after its next delivery of that stream reached S3, before the offset commit.
     */
    public static void main(String[] args) throws IOException {
        long parent = Long.parseLong(args[0]);
        Path directory = Path.of(args[1]);
        List<String> arguments = new ArrayList<>(List.of(args).subList(2, args.length));
        ProcessHandle.of(parent)
                .orElseThrow(() -> new IllegalStateException("the test JVM is gone"))
                .onExit()
                .thenRun(() -> Runtime.getRuntime().halt(1));
        ConfigurableApplicationContext instance = new SpringApplicationBuilder(TestFirehoseApplication.class)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new HaltAfterWrite(directory)))
                .run(arguments.toArray(String[]::new));
        Path written = Files.writeString(directory.resolve("port.tmp"), String.valueOf(port(instance)));
        Files.move(written, portFile(directory), StandardCopyOption.ATOMIC_MOVE);
    }

    static Path portFile(Path directory) {
        return directory.resolve("port");
    }

    static Path haltFile(Path directory) {
        return directory.resolve("halt-after-write");
    }

    /** Wraps the test application's sink: after a delivery of the stream that the halt file names, halt. */
    private static final class HaltAfterWrite implements BeanPostProcessor {

        private final Path haltFile;

        HaltAfterWrite(Path directory) {
            this.haltFile = haltFile(directory);
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (!"crashAfterWriteSink".equals(name) || !(bean instanceof BatchSink)) {
                return bean;
            }
            BatchSink sink = (BatchSink) bean;
            return (BatchSink) (stream, batch) -> {
                sink.deliver(stream, batch);
                if (stream.ref().name().equals(haltRequest())) {
                    Runtime.getRuntime().halt(HALTED);
                }
            };
        }

        private String haltRequest() {
            try {
                return Files.exists(haltFile) ? Files.readString(haltFile).trim() : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
