package dev.shardline.local.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The counts of a run (requests by service and operation, answers by status and type) and its findings. */
final class Tally {

    /** A rule broken by one request, with what it takes to send it again. */
    record Finding(long seed, FuzzCase request, String problem, String answer) {
        @Override
        public String toString() {
            return problem + " from " + request.operation().label() + " [" + request.mutation() + "] -> " + answer
                    + "\n    replay: -Dshardline.fuzz.seed=" + seed + " -Dshardline.fuzz.case=" + request.index()
                    + "\n    request: " + request.describe();
        }
    }

    private final Map<String, LongAdder> byService = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byAnswer = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byMutation = new ConcurrentHashMap<>();
    private final Map<String, Finding> firstFindings = new ConcurrentHashMap<>();
    private final LongAdder findings = new LongAdder();
    private final LongAdder requests = new LongAdder();

    void count(FuzzCase request, String answer) {
        requests.increment();
        byService
                .computeIfAbsent(request.operation().service(), k -> new LongAdder())
                .increment();
        byOperation
                .computeIfAbsent(request.operation().label(), k -> new LongAdder())
                .increment();
        byAnswer.computeIfAbsent(answer, k -> new LongAdder()).increment();
        String mutation = request.mutation().split(" ", 2)[0];
        byMutation.computeIfAbsent(mutation, k -> new LongAdder()).increment();
    }

    void find(Finding finding) {
        findings.increment();
        // one finding kept per operation, rule and answer: the rest are counted
        firstFindings.putIfAbsent(
                finding.request().operation().label() + " " + finding.problem() + " " + finding.answer(), finding);
    }

    long requests() {
        return requests.sum();
    }

    long findings() {
        return findings.sum();
    }

    List<Finding> distinctFindings() {
        List<Finding> list = new ArrayList<>(firstFindings.values());
        list.sort((a, b) -> Long.compare(a.request().index(), b.request().index()));
        return Collections.unmodifiableList(list);
    }

    int operations() {
        return byOperation.size();
    }

    /** The counts as a markdown report. */
    String report() {
        StringBuilder out = new StringBuilder();
        out.append("requests: ")
                .append(requests())
                .append(", findings: ")
                .append(findings())
                .append('\n');
        section(out, "requests by service", byService);
        section(out, "answers by status and type", byAnswer);
        section(out, "requests by mutation", byMutation);
        section(out, "requests by operation", byOperation);
        if (!firstFindings.isEmpty()) {
            out.append("\nfindings (first of each operation, rule and answer):\n");
            distinctFindings().forEach(f -> out.append("- ").append(f).append('\n'));
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Map<String, LongAdder> counts) {
        out.append("\n| ").append(title).append(" | count |\n| --- | ---: |\n");
        new TreeMap<>(counts)
                .forEach((key, count) -> out.append("| ")
                        .append(key.replace("|", "\\|"))
                        .append(" | ")
                        .append(count.sum())
                        .append(" |\n"));
    }
}
