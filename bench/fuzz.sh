#!/usr/bin/env bash
# The long run of the structure-aware fuzzer (local/src/test/java/dev/shardline/local/fuzz, StructureAwareFuzzTest,
# whose bounded run is part of ./mvnw verify): the same code, against an all-in-one runtime launched with ./shardline
# as a user launches it, for a bigger count and time budget. Every action of every AWS model Shardline ships (Kinesis
# in JSON and CBOR, Firehose, Managed Flink, Kinesis Video Streams) and every /v1 operation, valid-shaped then
# mutated; a producer beside it whose acknowledged records must all be read back; the server's threads and open file
# descriptors (/proc/PID) back near their start; health and a PutRecord/GetRecords round trip afterwards.
# Prints the markdown counts (also kept in bench/results/fuzz-*/report.md). Run from the repository root:
# bench/fuzz.sh
#
# Environment:
#   FUZZ_COUNT         requests at most (default 100000)
#   FUZZ_SECONDS       time budget of the fuzzing, whichever ends first (default 900)
#   FUZZ_SEED          the run's seed (default: the current time); a finding prints the seed and case to replay it
#   FUZZ_CLIENTS       concurrent client threads (default 4)
#   BENCH_SKIP_BUILD   1 to reuse the runtime already built in local/target
#   SHARDLINE_JAVA_OPTS JVM options of the Shardline server (default none)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

FUZZ_COUNT=${FUZZ_COUNT:-100000}
FUZZ_SECONDS=${FUZZ_SECONDS:-900}
FUZZ_SEED=${FUZZ_SEED:-$(date +%s)}
FUZZ_CLIENTS=${FUZZ_CLIENTS:-4}
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}

log() { echo "[fuzz] $*" >&2; }

if [[ "$BENCH_SKIP_BUILD" != 1 ]]; then
    log "building the runtime"
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl local -am
fi

RUN_DIR="bench/results/fuzz-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/shardline-fuzz.XXXXXX")
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PORT=$(free_port)
S3_PORT=$(free_port)
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$DATA_DIR"
}
trap cleanup EXIT

log "starting Shardline on port $PORT, data in $DATA_DIR"
./shardline --server.port="$PORT" --shardline.data-dir="$DATA_DIR" --shardline.s3.port="$S3_PORT" \
    >"$RUN_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 900); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { log "the server exited; see $RUN_DIR/server.log"; exit 1; }
    sleep 0.5
done

log "fuzzing: seed $FUZZ_SEED, up to $FUZZ_COUNT requests in ${FUZZ_SECONDS}s"
rc=0
started=$(date +%s)
./mvnw -B -q -pl local -am test -Dspotless.check.skip=true -Dtest=StructureAwareFuzzTest \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Dshardline.fuzz.endpoint="http://127.0.0.1:$PORT" -Dshardline.fuzz.pid="$SERVER_PID" \
    -Dshardline.fuzz.seed="$FUZZ_SEED" -Dshardline.fuzz.count="$FUZZ_COUNT" \
    -Dshardline.fuzz.seconds="$FUZZ_SECONDS" -Dshardline.fuzz.clients="$FUZZ_CLIENTS" \
    -Dshardline.fuzz.report="$PWD/$RUN_DIR/report.md" >"$RUN_DIR/test.log" 2>&1 || rc=$?
elapsed=$(($(date +%s) - started))
{
    echo
    echo "Fuzz test: exit code $rc after ${elapsed}s (test.log beside this report)."
    echo "Server log lines at ERROR: $(grep -c ' ERROR ' "$RUN_DIR/server.log" || true)."
} >>"$RUN_DIR/report.md"
cat "$RUN_DIR/report.md"
exit "$rc"
