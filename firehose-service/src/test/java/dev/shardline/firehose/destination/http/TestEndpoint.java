package dev.shardline.firehose.destination.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP endpoint for the tests: the JDK's HttpServer on a free port, which records every request and answers
 * each as its {@link Responder} says (by default as AWS's specification wants: 200 with the request id echoed).
 */
final class TestEndpoint implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the endpoint answers to the n-th request (from 0). */
    interface Responder {
        Answer answer(int n, Received request);
    }

    record Answer(int status, String contentType, String body) {

        static Answer ok(Received request) {
            return json(
                    200,
                    "{\"requestId\":\"" + request.requestId() + "\",\"timestamp\":" + System.currentTimeMillis() + "}");
        }

        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }

        /** What {@link #ok} answers: the request counts as delivered. */
        boolean acknowledges(Received request) {
            return status == 200
                    && "application/json".equals(contentType)
                    && body.matches("\\{\"requestId\":\"" + request.requestId() + "\",\"timestamp\":\\d+}");
        }
    }

    /** One request as it arrived: headers by lower-case name, the raw body and the body as JSON (gunzipped). */
    record Received(Map<String, String> headers, byte[] rawBody, JsonNode body) {

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        String requestId() {
            return header("X-Amz-Firehose-Request-Id");
        }

        List<String> records() {
            List<String> records = new ArrayList<>();
            for (JsonNode record : body.get("records")) {
                records.add(new String(
                        Base64.getDecoder().decode(record.get("data").stringValue()), StandardCharsets.UTF_8));
            }
            return records;
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> acknowledged = new CopyOnWriteArrayList<>();
    private volatile Responder responder = (n, request) -> Answer.ok(request);

    TestEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest?source=test";
    }

    TestEndpoint answering(Responder responder) {
        this.responder = responder;
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The records of the requests answered as the specification wants (200, the request id echoed). */
    List<String> acknowledgedRecords() {
        return acknowledged.stream().flatMap(r -> r.records().stream()).toList();
    }

    /** Every record of every request, in arrival order (with the duplicates of retried requests). */
    List<String> records() {
        return received.stream().flatMap(r -> r.records().stream()).toList();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            byte[] raw = exchange.getRequestBody().readAllBytes();
            byte[] json = "gzip".equals(headers.get("content-encoding")) ? gunzip(raw) : raw;
            Received request = new Received(headers, raw, JSON.readTree(json));
            int n = received.size();
            received.add(request);
            Answer answer = responder.answer(n, request);
            if (answer.acknowledges(request)) {
                acknowledged.add(request);
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    static byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
