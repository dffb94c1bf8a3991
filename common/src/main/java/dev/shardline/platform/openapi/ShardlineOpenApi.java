package dev.shardline.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Swagger UI says the {@code /v1} API is: its name, the version of the build, and where the AWS protocol is, in
 * place of springdoc's "OpenAPI definition v0". Every service (and the all-in-one runtime) shows the same heading.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(OpenAPI.class)
public class ShardlineOpenApi {

    static final String TITLE = "Shardline REST API";

    static final String DESCRIPTION = """
            Plain JSON over HTTP for people and scripts: streams and their shards, records and consumers, delivery \
            streams, Managed Flink applications, video streams and keys. Errors are RFC 9457 problem details \
            (`application/problem+json`) whose `awsErrorType` is the error AWS would give.

            Every action here calls the same services as Shardline's AWS-compatible endpoint on the same port, which \
            any AWS SDK or the AWS CLI reaches with an endpoint override \
            (`aws --endpoint-url http://localhost:4566 kinesis list-streams`). That protocol is documented by AWS: \
            [Kinesis Data Streams](https://docs.aws.amazon.com/kinesis/latest/APIReference/Welcome.html), \
            [Firehose](https://docs.aws.amazon.com/firehose/latest/APIReference/Welcome.html), \
            [Managed Service for Apache Flink](https://docs.aws.amazon.com/managed-flink/latest/apiv2/Welcome.html), \
            [Kinesis Video Streams](https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/API_Reference.html).
            """;

    @Bean
    OpenAPI shardlineOpenApiDocument() {
        return new OpenAPI()
                .info(new Info().title(TITLE).version(buildVersion()).description(DESCRIPTION));
    }

    /** The project version Maven wrote into the build's resources. */
    static String buildVersion() {
        Properties build = new Properties();
        try (InputStream in = ShardlineOpenApi.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build.getProperty("version", "unknown");
    }
}
