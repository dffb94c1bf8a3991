package dev.shardline.firehose.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.FirehoseProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Function URLs are configured by LambdaArn, whose colons survive only in the bracketed key form. */
class FirehoseLambdaPropertiesTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:transform";

    @Test
    void aFunctionUrlIsBoundUnderItsFullArnAndDefaultsApply() {
        FirehoseProperties properties = bind(Map.of(
                "shardline.firehose.lambda.functions[" + ARN + "]",
                "http://functions.local:9000/transform",
                "shardline.firehose.lambda.invocation-timeout",
                "5m"));

        assertThat(properties.lambda().functions())
                .containsExactly(Map.entry(ARN, URI.create("http://functions.local:9000/transform")));
        assertThat(properties.lambda().invocationTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.lambda().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.lambda().retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new LambdaFunctions(properties).url(ARN))
                .contains(URI.create("http://functions.local:9000/transform"));
        assertThat(new LambdaFunctions(properties).url("https://fn.example/x"))
                .contains(URI.create("https://fn.example/x"));
        assertThat(new LambdaFunctions(properties).url(ARN + "-other")).isEmpty();
    }

    @Test
    void withoutLambdaPropertiesNoFunctionIsConfigured() {
        assertThat(bind(Map.of("shardline.firehose.topic-prefix", "t."))
                        .lambda()
                        .functions())
                .isEmpty();
    }

    private static FirehoseProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("shardline.firehose", FirehoseProperties.class);
    }
}
