package dev.shardline.firehose.processing;

import dev.shardline.firehose.FirehoseProperties;
import java.net.URI;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Where each LambdaArn is served: configured by ARN, or the LambdaArn is an http(s) URL already. */
@Component
class LambdaFunctions {

    private final FirehoseProperties.Lambda lambda;

    @Autowired
    LambdaFunctions(FirehoseProperties properties) {
        this(properties.lambda());
    }

    /** For tests that call functions without a Spring context. */
    LambdaFunctions(FirehoseProperties.Lambda lambda) {
        this.lambda = lambda;
    }

    Optional<URI> url(String lambdaArn) {
        URI configured = lambda.functions().get(lambdaArn);
        if (configured != null) {
            return Optional.of(configured);
        }
        if (lambdaArn.startsWith("http://") || lambdaArn.startsWith("https://")) {
            return Optional.of(URI.create(lambdaArn));
        }
        return Optional.empty();
    }
}
