package dev.shardline.local.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the cases of a run from a few client threads, each call under a deadline (headers and whole body), and
 * tallies what came back against the rules.
 */
final class Fuzzer {

    private static final Logger log = LoggerFactory.getLogger(Fuzzer.class);
    private static final int MAX_BODY = 4 << 20;

    private final URI endpoint;
    private final Duration deadline;
    private final HttpClient http;
    private final ExecutorService readers = Executors.newCachedThreadPool(daemon("fuzz-body"));

    Fuzzer(URI endpoint, Duration deadline, java.util.concurrent.Executor clientExecutor) {
        this.endpoint = endpoint;
        this.deadline = deadline;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(deadline)
                .executor(clientExecutor)
                .build();
    }

    /** Sends cases {@code first .. first+count-1}, or fewer if the time budget runs out first. */
    Tally run(CaseFactory cases, long seed, long first, long count, int clients, Duration budget)
            throws InterruptedException {
        Tally tally = new Tally();
        AtomicLong next = new AtomicLong(first);
        long stopAt = System.nanoTime() + budget.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients, daemon("fuzz-client"));
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(pool.submit(() -> {
                long index;
                while ((index = next.getAndIncrement()) < first + count && System.nanoTime() < stopAt) {
                    FuzzCase request = cases.make(index);
                    send(request, seed, tally);
                    if (tally.requests() % 2000 == 0) {
                        log.info("fuzz: {} requests, {} findings", tally.requests(), tally.findings());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        pool.shutdown();
        readers.shutdown();
        return tally;
    }

    private void send(FuzzCase request, long seed, Tally tally) {
        HttpRequest.Builder builder;
        try {
            // appended, not resolved: a mutated path such as //streams must reach the server as it is
            builder = HttpRequest.newBuilder(URI.create(endpoint + request.path()))
                    .timeout(deadline)
                    .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
        } catch (IllegalArgumentException e) {
            // a path or header the HTTP client will not send: no request, nothing to judge
            tally.count(request, "not sent");
            return;
        }
        String answer;
        Verdict verdict;
        try {
            HttpResponse<InputStream> response = http.sendAsync(
                            builder.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            // an event stream or media answers for as long as the client listens: its headers are the answer
            boolean streamed = response.statusCode() < 300
                    && (contentType.contains("eventstream")
                            || contentType.startsWith("video/")
                            || contentType.contains("event-stream")
                            || contentType.contains("octet-stream"));
            byte[] body;
            try (InputStream in = response.body()) {
                body = streamed ? new byte[0] : read(in);
            }
            verdict = Verdict.of(request, response.statusCode(), response.headers(), body, streamed);
            answer = verdict.type();
        } catch (TimeoutException e) {
            verdict = new Verdict("no answer", "hang: no complete answer within " + deadline);
            answer = verdict.type();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            boolean timeout = cause instanceof java.net.http.HttpTimeoutException;
            verdict = new Verdict(
                    "connection " + cause.getClass().getSimpleName(),
                    timeout ? "hang: no answer within " + deadline : "connection failed: " + cause);
            answer = verdict.type();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException e) {
            verdict = new Verdict("body " + e.getClass().getSimpleName(), "body failed: " + e);
            answer = verdict.type();
        }
        tally.count(request, answer);
        if (verdict.problem() != null) {
            tally.find(new Tally.Finding(seed, request, verdict.problem(), answer));
        }
    }

    private byte[] read(InputStream in) throws IOException {
        CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return in.readNBytes(MAX_BODY);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                readers);
        try {
            return body.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            in.close();
            throw new IOException("the body did not end within " + deadline);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
