#!/usr/bin/env bash
# Managed Flink (analytics) benchmark against one all-in-one Shardline, driven through the AWS SDK for Java v2
# (KinesisAnalyticsV2Client, KinesisClient) as a user would; see AnalyticsBench. Run from the repository root:
# bench/analytics.sh
#
#  1. throughput: the same windowed Flink SQL (per key, COUNT(*) per one-second TUMBLE window of event time) over the
#     same pre-loaded events, from a Shardline stream ('connector' = 'kinesis') and from a plain topic on the runtime's
#     embedded Kafka broker ('connector' = 'kafka'; its address is read from the server log), one application after
#     the other, the order swapped each round; events/s while the windows come out;
#  2. latency: the SQL over a Shardline stream fed at a steady rate; window close to its result read with GetRecords
#     (p50/p99), and checkpoint durations from Flink's REST API at the application's dashboard URL
#     (CreateApplicationPresignedUrl);
#  3. recovery: kill -9 of the runtime while that application runs; this script starts the runtime again on the same
#     data directory and port at once; the time until the application's job is RUNNING again and until it is caught up.
#
# Environment:
#   ANALYTICS_RECORDS      events loaded for the throughput phase (default 400000; 1,000 per window)
#   ANALYTICS_SHARDS       shards of the streams and partitions of the topic (default 2)
#   ANALYTICS_ROUNDS       throughput rounds, each runs both connectors (default 2)
#   ANALYTICS_PARALLELISM  the applications' Parallelism (default 1)
#   ANALYTICS_RATE         events/s of the latency phase (default 1000)
#   ANALYTICS_SECONDS      measured seconds of the latency phase, after 15 s of warm-up (default 60)
#   ANALYTICS_CHECKPOINT_MS checkpoint interval of the latency application (default 2000)
#   ANALYTICS_PHASES       throughput,latency,recovery (default all three)
#   BENCH_SKIP_BUILD       1 to reuse the jars already in */target
#   BENCH_JAVA_OPTS        JVM options of the benchmark client (default -Xmx1g)
#   SHARDLINE_JAVA_OPTS    JVM options of the Shardline server (default none)
#   SHARDLINE_JAR          the server jar (default local/target/shardline-local.jar)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ANALYTICS_RECORDS=${ANALYTICS_RECORDS:-400000}
ANALYTICS_SHARDS=${ANALYTICS_SHARDS:-2}
ANALYTICS_ROUNDS=${ANALYTICS_ROUNDS:-2}
ANALYTICS_PARALLELISM=${ANALYTICS_PARALLELISM:-1}
ANALYTICS_RATE=${ANALYTICS_RATE:-1000}
ANALYTICS_SECONDS=${ANALYTICS_SECONDS:-60}
ANALYTICS_CHECKPOINT_MS=${ANALYTICS_CHECKPOINT_MS:-2000}
ANALYTICS_PHASES=${ANALYTICS_PHASES:-throughput,latency,recovery}
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx1g}
SHARDLINE_JAVA_OPTS=${SHARDLINE_JAVA_OPTS:-}
BENCH_JAR=bench/target/shardline-bench.jar
SHARDLINE_JAR=${SHARDLINE_JAR:-local/target/shardline-local.jar}

log() { echo "[analytics-bench] $*" >&2; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

RUN_DIR="bench/results/analytics-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
SERVER_PID=""
BENCH_PID=""
DATA_DIR=""

# alive PID: the process exists and is not a zombie waiting to be reaped.
alive() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null || true)
    [[ -n "$state" && "$state" != Z* ]]
}

cleanup() {
    [[ -n "$BENCH_PID" ]] && kill "$BENCH_PID" 2>/dev/null || true
    if [[ -n "$SERVER_PID" ]] && alive "$SERVER_PID"; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do alive "$SERVER_PID" || break; sleep 0.2; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n "$DATA_DIR" ]]; then
        # The embedded PostgreSQL outlives a JVM killed with -9: stop it by the pid in its own pid file.
        local pidfile
        pidfile=$(find "$DATA_DIR" -name postmaster.pid 2>/dev/null | head -n 1)
        [[ -n "$pidfile" ]] && kill -TERM "$(head -n 1 "$pidfile")" 2>/dev/null || true
        sleep 1
        rm -rf "$DATA_DIR"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "$BENCH_SKIP_BUILD" != 1 ]]; then
    log "building the local and bench modules"
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl local,bench -am
fi
[[ -f "$BENCH_JAR" && -f "$SHARDLINE_JAR" ]] || { log "missing $BENCH_JAR or $SHARDLINE_JAR"; exit 1; }

PORT=$(free_port)
DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/shardline-analytics-bench.XXXXXX")
SERVER_LOG="$RUN_DIR/server.log"

# start_server: the runtime on $PORT with its data in $DATA_DIR, appending to $SERVER_LOG. Per-shard PROVISIONED limits
# are off: the output readers poll GetRecords every 20 ms.
start_server() {
    # shellcheck disable=SC2086 # SHARDLINE_JAVA_OPTS is a list of JVM options
    java $SHARDLINE_JAVA_OPTS -jar "$SHARDLINE_JAR" --server.port="$PORT" --shardline.data-dir="$DATA_DIR/data" \
        --shardline.streams.enforce-throughput-limits=false >>"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
}

log "starting Shardline on port $PORT, data in $DATA_DIR"
start_server
deadline=$((SECONDS + 300))
until curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do
    alive "$SERVER_PID" || { log "Shardline exited; see $SERVER_LOG"; tail -n 40 "$SERVER_LOG" >&2; exit 1; }
    ((SECONDS < deadline)) || { log "Shardline not ready after 300 s"; exit 1; }
    sleep 0.5
done
KAFKA=$(sed -n 's/.*Embedded Kafka broker ready on \([0-9.]*:[0-9]*\).*/\1/p' "$SERVER_LOG" | tail -n 1)
[[ -n "$KAFKA" ]] || { log "no 'Embedded Kafka broker ready on' line in $SERVER_LOG"; exit 1; }
log "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1); embedded Kafka at $KAFKA"

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
java $BENCH_JAVA_OPTS -Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn -cp "$BENCH_JAR" \
    -Dloader.main=dev.shardline.bench.AnalyticsBench \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --endpoint "http://127.0.0.1:$PORT" --kafka-bootstrap "$KAFKA" --server-pid "$SERVER_PID" \
    --phases "$ANALYTICS_PHASES" --records "$ANALYTICS_RECORDS" --shards "$ANALYTICS_SHARDS" \
    --rounds "$ANALYTICS_ROUNDS" --parallelism "$ANALYTICS_PARALLELISM" --latency-rate "$ANALYTICS_RATE" \
    --latency-seconds "$ANALYTICS_SECONDS" --checkpoint-millis "$ANALYTICS_CHECKPOINT_MS" \
    >"$RUN_DIR/analytics.txt" 2> >(tee "$RUN_DIR/bench.log" >&2) &
BENCH_PID=$!

# The recovery phase kills the server: start it again at once, on the same port and data directory.
while alive "$BENCH_PID"; do
    if ! alive "$SERVER_PID"; then
        wait "$SERVER_PID" 2>/dev/null || true
        log "Shardline (pid $SERVER_PID) is gone; starting it again on the same data directory"
        echo "---- restarted at $(date -u +%H:%M:%S.%N) ----" >>"$SERVER_LOG"
        start_server
    fi
    sleep 0.2
done
rc=0
wait "$BENCH_PID" || rc=$?
BENCH_PID=""
cat "$RUN_DIR/analytics.txt"

# value PHASE KEY [FILTER]: KEY of the last RESULT line of PHASE that also matches FILTER, n/a if none.
value() {
    local v
    v=$(grep -E "^RESULT name=shardline phase=$1 " "$RUN_DIR/analytics.txt" | grep -E -- "${3:-.}" | tail -n 1 \
        | tr ' ' '\n' | sed -n "s/^$2=//p")
    echo "${v:-n/a}"
}

{
    echo "| measure | value |"
    echo "|---|---:|"
    for connector in kinesis kafka; do
        rates=$(grep -E "^RESULT name=shardline phase=flink-throughput connector=$connector " "$RUN_DIR/analytics.txt" \
            | tr ' ' '\n' | sed -n 's/^events_per_s=//p' | xargs)
        mean=$(awk '{ s = 0; n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) { s += $i; n++ }
            if (n) printf "%.0f", s / n; else printf "n/a" }' <<<"$rates")
        eval "MEAN_$connector=$mean"
        echo "| windowed SQL events/s, '$connector' source (rounds: ${rates:-n/a}) | $mean |"
    done
    # shellcheck disable=SC2154 # set by eval above
    echo "| kinesis / kafka | $(awk -v a="$MEAN_kinesis" -v b="$MEAN_kafka" \
        'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else printf "n/a" }') |"
    echo "| window close to result read, p50 / p99 / max (ms; $ANALYTICS_RATE events/s) |" \
        "$(value flink-latency p50_ms) / $(value flink-latency p99_ms) / $(value flink-latency max_ms) |"
    echo "| window close to result written by the sink, p50 / p99 (ms) |" \
        "$(value flink-latency written_p50_ms) / $(value flink-latency written_p99_ms) |"
    echo "| checkpoint end-to-end duration p50 / p99 / max (ms; $(value flink-checkpoint completed) completed," \
        "$(value flink-checkpoint failed) failed) |" \
        "$(value flink-checkpoint p50_ms) / $(value flink-checkpoint p99_ms) / $(value flink-checkpoint max_ms) |"
    echo "| kill -9 to the application's job RUNNING again (s) | $(value flink-recovery kill_to_running_s) |"
    echo "| kill -9 to caught up: first result of a window closed after that (s) |" \
        "$(value flink-recovery kill_to_caught_up_s) |"
    echo "| window results written twice after the restart (at-least-once sink) |" \
        "$(value flink-recovery duplicate_results) |"
    echo
    echo "$(nproc) CPUs (shared), $(java -version 2>&1 | head -n 1); $ANALYTICS_RECORDS events x $ANALYTICS_ROUNDS rounds," \
        "$ANALYTICS_SHARDS shards/partitions, parallelism $ANALYTICS_PARALLELISM. Raw output: $RUN_DIR/"
} | tee "$RUN_DIR/summary.md"
exit "$rc"
