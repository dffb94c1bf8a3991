package dev.shardline.analytics.connector.firehose;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Firehose endpoint over real HTTP (AWS JSON 1.1) that keeps the records it accepts and can refuse chosen records
 * once, as a batch answer with {@code FailedPutCount} does: what the sink must send again.
 */
final class StubFirehose implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final String deliveryStream;
    private final Predicate<String> failOnce;
    private final Set<String> failedAlready = Collections.synchronizedSet(new HashSet<>());
    final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    final List<Long> batchBytes = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> failedPerBatch = Collections.synchronizedList(new ArrayList<>());

    StubFirehose(String deliveryStream, Predicate<String> failOnce) throws IOException {
        this.deliveryStream = deliveryStream;
        this.failOnce = failOnce;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (!deliveryStream.equals(body.path("DeliveryStreamName").asString())) {
            answer(
                    exchange,
                    400,
                    Map.of(
                            "__type",
                            "ResourceNotFoundException",
                            "message",
                            "Firehose " + body.path("DeliveryStreamName").asString()
                                    + " under account 000000000000 not found."));
            return;
        }
        if (target.endsWith(".DescribeDeliveryStream")) {
            answer(exchange, 200, Map.of("DeliveryStreamDescription", Map.of("DeliveryStreamName", deliveryStream)));
            return;
        }
        List<Map<String, Object>> responses = new ArrayList<>();
        int failed = 0;
        long bytes = 0;
        for (JsonNode record : body.path("Records")) {
            String data =
                    new String(Base64.getDecoder().decode(record.path("Data").asString()), StandardCharsets.UTF_8);
            bytes += data.length();
            Map<String, Object> response = new LinkedHashMap<>();
            if (failOnce.test(data) && failedAlready.add(data)) {
                response.put("ErrorCode", "ServiceUnavailableException");
                response.put("ErrorMessage", "Slow down.");
                failed++;
            } else {
                accepted.add(data);
                response.put("RecordId", "id-" + accepted.size());
            }
            responses.add(response);
        }
        batchSizes.add(responses.size());
        batchBytes.add(bytes);
        failedPerBatch.add(failed);
        answer(exchange, 200, Map.of("FailedPutCount", failed, "Encrypted", false, "RequestResponses", responses));
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
