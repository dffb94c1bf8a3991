package dev.shardline.platform.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Calls released at one instant, each on a thread of its own, for tests of what AWS serialises. Each outcome is
 * {@code ok} or the AWS error's HTTP status and code (e.g. {@code 400 ResourceInUseException}); any other failure
 * fails the test.
 */
public final class SimultaneousCalls {

    private SimultaneousCalls() {}

    /** The outcomes, in the order of {@code calls}. */
    public static List<String> race(List<Runnable> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CyclicBarrier start = new CyclicBarrier(calls.size());
            List<Future<String>> answers = new ArrayList<>();
            for (Runnable call : calls) {
                answers.add(pool.submit(() -> {
                    start.await();
                    try {
                        call.run();
                        return "ok";
                    } catch (AwsServiceException e) {
                        return e.statusCode() + " " + e.awsErrorDetails().errorCode();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> answer : answers) {
                outcomes.add(answer.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
