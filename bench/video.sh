#!/usr/bin/env bash
# Kinesis Video Streams ingest benchmark: how many producers of 2 Mbit/s H.264 at real time one all-in-one Shardline
# takes with every fragment acknowledged PERSISTED (sealed in the object store and indexed), the ingest rate in MB/s,
# the delay from a fragment's last byte to its PERSISTED acknowledgement (p50/p99), and then, with one producer, the
# delay from a fragment's last byte to its first appearance in a LIVE HLS media playlist. Producers speak AWS's PutMedia
# wire (chunked MKV, acknowledgements on the same connection), one stream and connection each, one frame every 40 ms,
# one fragment per second; the count is ramped until acknowledgements fall behind real time (see VideoBench). The
# video is encoded once in-process with jcodec. Run from the repository root: bench/video.sh
#
# Environment:
#   VIDEO_ENDPOINT      benchmark a Shardline that is already running there (e.g. http://127.0.0.1:4566) instead of
#                       starting one
#   VIDEO_STEPS         producer counts of the ramp (default 1,2,4,8,12,16,24,32,48,64); it stops at the first step
#                       that does not keep real time; 0 runs the playlist phase alone
#   VIDEO_PLAYLIST_SECONDS how long the LIVE playlist phase runs (default 30; 0 leaves it out)
#   VIDEO_STEP_SECONDS  how long each step runs (default 10), then up to 3 s for the last acknowledgements
#   VIDEO_BITRATE       bits per second of each producer's video (default 2000000)
#   BENCH_SKIP_BUILD    1 to reuse the jars already in */target
#   BENCH_JAVA_OPTS     JVM options of the benchmark client (default -Xmx1g)
#   SHARDLINE_JAVA_OPTS JVM options of the Shardline server (default none)
#   SHARDLINE_JAR       the server jar (default local/target/shardline-local.jar)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VIDEO_STEPS=${VIDEO_STEPS:-1,2,4,8,12,16,24,32,48,64}
VIDEO_STEP_SECONDS=${VIDEO_STEP_SECONDS:-10}
VIDEO_PLAYLIST_SECONDS=${VIDEO_PLAYLIST_SECONDS:-30}
VIDEO_BITRATE=${VIDEO_BITRATE:-2000000}
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx1g}
SHARDLINE_JAVA_OPTS=${SHARDLINE_JAVA_OPTS:-}
BENCH_JAR=bench/target/shardline-bench.jar
SHARDLINE_JAR=${SHARDLINE_JAR:-local/target/shardline-local.jar}

log() { echo "[video-bench] $*" >&2; }

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
    if [[ -n "${VIDEO_ENDPOINT:-}" ]]; then
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
    DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/shardline-video-bench.XXXXXX")
    server_log=$DATA_DIR/server.log
    log "starting Shardline on port $port, data in $DATA_DIR"
    set -m
    # shellcheck disable=SC2086 # SHARDLINE_JAVA_OPTS is a list of JVM options
    java $SHARDLINE_JAVA_OPTS -jar "$SHARDLINE_JAR" --server.port="$port" --shardline.s3.port="$s3port" \
        --shardline.data-dir="$DATA_DIR/data" >"$server_log" 2>&1 &
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

endpoint=${VIDEO_ENDPOINT:-}
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
java $BENCH_JAVA_OPTS -cp "$BENCH_JAR" -Dloader.main=dev.shardline.bench.VideoBench \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --endpoint "$endpoint" --steps "$VIDEO_STEPS" --step-seconds "$VIDEO_STEP_SECONDS" --bitrate "$VIDEO_BITRATE" \
    --playlist-seconds "$VIDEO_PLAYLIST_SECONDS"
