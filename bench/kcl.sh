#!/usr/bin/env bash
# Kinesis Client Library benchmark: one KCL 3.1.0 worker (its Kinesis, DynamoDB lease store and CloudWatch clients all
# pointed at one all-in-one Shardline), per retrieval mode — enhanced fan-out (the KCL's default) and polling — the
# records/s it consumes from a backlog put before it starts, and the put→process latency p50/p99 of records put one at
# a time at a steady rate afterwards (see KclBench). The KCL runs at its default settings. Run from the repository
# root: bench/kcl.sh
#
# Environment:
#   KCL_ENDPOINT        benchmark a Shardline that is already running there (e.g. http://127.0.0.1:4566) instead of
#                       starting one
#   KCL_MODES           fan-out,polling (default); either alone
#   KCL_RECORDS         backlog records (default 50000)
#   KCL_RECORD_BYTES    record size in bytes (default 1024)
#   KCL_SHARDS          shards of each mode's stream (default 2)
#   KCL_RATE            records/s of the latency phase, one PutRecord each (default 100)
#   KCL_LATENCY_SECONDS length of the latency phase (default 30)
#   KCL_CHECKPOINT_MS   the processor checkpoints at most once every this many ms per shard (default 1000; 0: after
#                       every batch)
#   KCL_LIMITS          false (default) starts Shardline without per-shard PROVISIONED throughput limits, so that the
#                       backlog phase measures the consumer rather than the 2 MB/s read limit; true keeps them
#   BENCH_SKIP_BUILD    1 to reuse the jars already in */target
#   BENCH_JAVA_OPTS     JVM options of the benchmark client (default -Xmx1g)
#   SHARDLINE_JAVA_OPTS JVM options of the Shardline server (default none)
#   SHARDLINE_JAR       the server jar (default local/target/shardline-local.jar)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

KCL_MODES=${KCL_MODES:-fan-out,polling}
KCL_RECORDS=${KCL_RECORDS:-50000}
KCL_RECORD_BYTES=${KCL_RECORD_BYTES:-1024}
KCL_SHARDS=${KCL_SHARDS:-2}
KCL_RATE=${KCL_RATE:-100}
KCL_LATENCY_SECONDS=${KCL_LATENCY_SECONDS:-30}
KCL_LIMITS=${KCL_LIMITS:-false}
KCL_CHECKPOINT_MS=${KCL_CHECKPOINT_MS:-1000}
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx1g}
SHARDLINE_JAVA_OPTS=${SHARDLINE_JAVA_OPTS:-}
BENCH_JAR=bench/target/shardline-bench.jar
SHARDLINE_JAR=${SHARDLINE_JAR:-local/target/shardline-local.jar}

log() { echo "[kcl-bench] $*" >&2; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

SERVER_PID=""
DATA_DIR=""
cleanup() {
    if [[ -n "$SERVER_PID" ]]; then
        kill -TERM -- "-$SERVER_PID" 2>/dev/null || kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n "$DATA_DIR" ]]; then
        # the embedded PostgreSQL, if it outlived the JVM: by the pid in its own pid file
        local pidfile
        pidfile=$(find "$DATA_DIR" -name postmaster.pid 2>/dev/null | head -n 1)
        [[ -n "$pidfile" ]] && kill -TERM "$(head -n 1 "$pidfile")" 2>/dev/null || true
        rm -rf "$DATA_DIR"
    fi
}
trap cleanup EXIT

if [[ "$BENCH_SKIP_BUILD" != 1 ]]; then
    if [[ -n "${KCL_ENDPOINT:-}" ]]; then
        log "building the bench module"
        ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl bench
    else
        log "building the local and bench modules"
        ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl local,bench -am
    fi
fi

# start_shardline: a server on free ports with a fresh data directory; false if it did not come up.
start_shardline() {
    port=$(free_port)
    s3port=$(free_port)
    DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/shardline-kcl-bench.XXXXXX")
    server_log=$DATA_DIR/server.log
    log "starting Shardline on port $port (throughput limits: $KCL_LIMITS), data in $DATA_DIR"
    set -m
    # shellcheck disable=SC2086 # SHARDLINE_JAVA_OPTS is a list of JVM options
    java $SHARDLINE_JAVA_OPTS -jar "$SHARDLINE_JAR" --server.port="$port" --shardline.s3.port="$s3port" \
        --shardline.data-dir="$DATA_DIR/data" --shardline.streams.enforce-throughput-limits="$KCL_LIMITS" \
        >"$server_log" 2>&1 &
    SERVER_PID=$!
    set +m
    local deadline=$((SECONDS + 300))
    until curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null || ((SECONDS >= deadline)); then
            log "Shardline did not start; last lines of $server_log:"
            grep -E "ERROR|Caused by" "$server_log" | tail -n 5 >&2 || true
            cleanup
            SERVER_PID=""
            DATA_DIR=""
            return 1
        fi
        sleep 0.5
    done
}

endpoint=${KCL_ENDPOINT:-}
if [[ -z "$endpoint" ]]; then
    # On a loaded machine the embedded Kafka may miss its one-minute start-up deadline: try again.
    for attempt in 1 2 3; do
        start_shardline && break
        ((attempt < 3)) || exit 1
        log "trying again ($((attempt + 1)) of 3)"
    done
    endpoint="http://127.0.0.1:$port"
fi

log "$(nproc) CPUs, $(java -version 2>&1 | head -n 1); benchmarking $endpoint"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
java $BENCH_JAVA_OPTS -cp "$BENCH_JAR" -Dloader.main=dev.shardline.bench.KclBench \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --endpoint "$endpoint" --modes "$KCL_MODES" --records "$KCL_RECORDS" --record-bytes "$KCL_RECORD_BYTES" \
    --shards "$KCL_SHARDS" --rate "$KCL_RATE" --latency-seconds "$KCL_LATENCY_SECONDS" \
    --checkpoint-ms "$KCL_CHECKPOINT_MS"
