package dev.shardline.firehose.processing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A transformation function served by the JDK's HTTP server on a free port: it keeps every event it receives and
 * answers as its current {@link Handler} says.
 */
public final class TestFunction implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.shared();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private volatile Handler handler;

    @FunctionalInterface
    public interface Handler {
        Reply handle(JsonNode event) throws Exception;
    }

    public record Reply(int status, String body) {
        public static Reply ok(Object body) {
            return new Reply(200, JSON.writeValueAsString(body));
        }
    }

    private TestFunction(Handler handler) throws IOException {
        this.handler = handler;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
                events.add(event);
                Reply reply;
                try {
                    reply = this.handler.handle(event);
                } catch (Exception e) {
                    reply = new Reply(500, "{\"errorMessage\":\"" + e + "\"}");
                }
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    public static TestFunction start(Handler handler) {
        try {
            return new TestFunction(handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A function that answers Ok for every record, with its data mapped by {@code transform}. */
    static TestFunction mapping(UnaryOperator<String> transform) {
        return start(event -> Reply.ok(okAll(event, transform)));
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    void answer(Handler newHandler) {
        this.handler = newHandler;
    }

    List<JsonNode> events() {
        return List.copyOf(events);
    }

    int invocations() {
        return events.size();
    }

    static Map<String, Object> okAll(JsonNode event, UnaryOperator<String> transform) {
        List<Object> records = new ArrayList<>();
        for (JsonNode record : event.path("records")) {
            records.add(record(record.path("recordId").asString(), "Ok", transform.apply(data(record))));
        }
        return Map.of("records", records);
    }

    public static Map<String, Object> record(String recordId, String result, String data) {
        return Map.of("recordId", recordId, "result", result, "data", base64(data));
    }

    public static String data(JsonNode record) {
        return new String(Base64.getDecoder().decode(record.path("data").asString()), StandardCharsets.UTF_8);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
