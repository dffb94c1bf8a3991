package dev.shardline.local;

import dev.shardline.platform.console.ConsoleHealthCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The console's object store check in the all-in-one runtime: the S3 endpoint that Firehose and Video write to (the
 * embedded one unless configured) answers HTTP at all. An unsigned request is refused by S3, and that answer is enough.
 */
@Component
class ObjectStoreCheck implements ConsoleHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Environment environment;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ObjectStoreCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "Object store";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Health check() {
        String endpoint = environment.getProperty("shardline.firehose.s3.endpoint");
        if (endpoint == null || endpoint.isBlank()) {
            return Health.up("AWS S3 (no endpoint configured)");
        }
        try {
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint))
                            .timeout(TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return Health.up(endpoint + " answered HTTP " + answer.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e);
        } catch (Exception e) {
            return Health.down(e);
        }
    }
}
