#!/usr/bin/env bash
# Slow and hostile clients against the all-in-one runtime: 300 slow-body connections (a PutRecord header that declares
# a body, then one byte every 2 s) and 9,000 slowloris connections (a header that never ends, one byte every 2 s) held
# together for a while, with health and PutRecords (AWS SDK v2) timed before and during, then left alone to see how
# soon the server closes them. Prints a markdown report (also kept in bench/results/). Run from the repository root:
# bench/abuse.sh
#
# Environment:
#   ABUSE_SLOW_BODIES      slow-body connections (default 300)
#   ABUSE_SLOWLORIS        slowloris connections (default 9000)
#   ABUSE_SECONDS          how long they are held while probing (default 30)
#   ABUSE_BASELINE_SECONDS probing before any is opened (default 10)
#   BENCH_SKIP_BUILD       1 to reuse the jars already in */target
#   SHARDLINE_JAVA_OPTS    JVM options of the Shardline server (default none)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

ABUSE_SLOW_BODIES=${ABUSE_SLOW_BODIES:-300}
ABUSE_SLOWLORIS=${ABUSE_SLOWLORIS:-9000}
ABUSE_SECONDS=${ABUSE_SECONDS:-30}
ABUSE_BASELINE_SECONDS=${ABUSE_BASELINE_SECONDS:-10}
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
SHARDLINE_JAVA_OPTS=${SHARDLINE_JAVA_OPTS:-}
BENCH_JAR=bench/target/shardline-bench.jar
SHARDLINE_JAR=local/target/shardline-local.jar

log() { echo "[abuse] $*" >&2; }

# Server and client each hold one descriptor per connection, besides their own files.
needed=$((ABUSE_SLOW_BODIES + ABUSE_SLOWLORIS + 2048))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (($(ulimit -n) < needed)); then
    log "the file descriptor limit is $(ulimit -n) (hard limit $(ulimit -Hn)); $needed are needed"
    exit 2
fi

if [[ "$BENCH_SKIP_BUILD" != 1 ]]; then
    log "building local and bench modules"
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -Dshardline.cds.skip=true package -pl local,bench -am
fi

RUN_DIR="bench/results/abuse-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/shardline-abuse.XXXXXX")
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$DATA_DIR"
}
trap cleanup EXIT

log "starting Shardline on port $PORT, data in $DATA_DIR"
# shellcheck disable=SC2086 # SHARDLINE_JAVA_OPTS is a list of JVM options
java $SHARDLINE_JAVA_OPTS -jar "$SHARDLINE_JAR" --server.port="$PORT" --shardline.data-dir="$DATA_DIR" \
    >"$RUN_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { log "the server exited; see $RUN_DIR/server.log"; exit 1; }
    sleep 0.5
done
rss_before=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$SERVER_PID/status")

rc=0
java -Xmx1g -Dloader.main=dev.shardline.bench.AbuseBench -cp "$BENCH_JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --endpoint "http://127.0.0.1:$PORT" --slow-bodies "$ABUSE_SLOW_BODIES" --slowloris "$ABUSE_SLOWLORIS" \
    --seconds "$ABUSE_SECONDS" --baseline-seconds "$ABUSE_BASELINE_SECONDS" | tee "$RUN_DIR/report.md" || rc=$?
rss_after=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$SERVER_PID/status")
echo "Server RSS: $rss_before MiB before, $rss_after MiB after." | tee -a "$RUN_DIR/report.md"
exit "$rc"
