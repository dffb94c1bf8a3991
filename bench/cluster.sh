#!/usr/bin/env bash
# Benchmarks the distributed topology against the all-in-one runtime on this machine, in one run, with the same client
# (bench/src, the PutRecords throughput, GetRecords and put-to-get latency phases of bench/run.sh) and prints a markdown
# comparison. Run from the repository root: bench/cluster.sh
#
#   edge:       two streams-service instances (their executable jars, each in a JVM of its own) behind the edge
#               (gateway), on one Kafka, one PostgreSQL and one S3 endpoint that a fourth JVM runs
#               (dev.shardline.cluster.ClusterInfrastructure from cluster-tests' test classes: embedded KRaft broker(s),
#               a fresh database on 127.0.0.1:5432 when PostgreSQL answers there, else an embedded one, S3Proxy)
#   all-in-one: local/target/shardline-local.jar, its own embedded Kafka, PostgreSQL and S3
#
# Both run in enforce mode with the benchmark client's credential (every request's SigV4 signature verified) and with
# the per-shard throughput limits off (as bench/run.sh's comparison run), so what is measured is the path, not the
# limits. The two setups run one after the other; nothing of one is left running while the other is measured.
#
# Environment (the phase settings are bench/run.sh's):
#   BENCH_SECONDS          PutRecords phase length in seconds (default 20)
#   BENCH_PRODUCERS        concurrent PutRecords producer threads (default 4)
#   BENCH_LATENCY_SECONDS  latency phase length in seconds (default 15)
#   BENCH_LATENCY_RATE     latency phase PutRecord calls per second (default 200)
#   BENCH_LATENCY_WARMUP   seconds of the same latency load before it is measured (default 30)
#   BENCH_KAFKA_BROKERS    brokers of the distributed setup's Kafka (default 1, as the all-in-one's; 3 gives
#                          replication 3 and min.insync.replicas 2, as docker-compose.yml)
#   BENCH_SKIP_BUILD       1 to reuse the jars and test classes already in */target
#   BENCH_JAVA_OPTS        JVM options of the benchmark client (default -Xmx1g)
#   SERVICE_JAVA_OPTS      JVM options of each streams instance and of the edge (default -Xmx768m)
#   SHARDLINE_JAVA_OPTS    JVM options of the all-in-one runtime (default none)
#   SHARDLINE_JAR          the all-in-one jar (default local/target/shardline-local.jar)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

BENCH_SECONDS=${BENCH_SECONDS:-20}
BENCH_PRODUCERS=${BENCH_PRODUCERS:-4}
BENCH_LATENCY_SECONDS=${BENCH_LATENCY_SECONDS:-15}
BENCH_LATENCY_RATE=${BENCH_LATENCY_RATE:-200}
BENCH_LATENCY_WARMUP=${BENCH_LATENCY_WARMUP:-30}
BENCH_KAFKA_BROKERS=${BENCH_KAFKA_BROKERS:-1}
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx1g}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx768m}
SHARDLINE_JAVA_OPTS=${SHARDLINE_JAVA_OPTS:-}
SHARDLINE_JAR=${SHARDLINE_JAR:-local/target/shardline-local.jar}
BENCH_JAR=bench/target/shardline-bench.jar

# The benchmark client's credential (bench/src/main/java/dev/shardline/bench/KinesisClients.java)
ACCESS_KEY=AKIAIOSFODNN7EXAMPLE
SECRET_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
# One master key for both streams instances (a shard iterator sealed by one is opened by the other); a test value
MASTER_KEY=c2hhcmRsaW5lLWJlbmNoLWNsdXN0ZXItbWFzdGVyayE=
SECURITY_ARGS=(
    --shardline.security.mode=enforce
    "--shardline.security.credentials[0].access-key-id=$ACCESS_KEY"
    "--shardline.security.credentials[0].secret-access-key=$SECRET_KEY"
    "--shardline.security.credentials[0].account-id=000000000000"
)

RUN_DIR="bench/results/cluster-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
PIDS=()
DATA_DIR=""

log() { echo "[cluster-bench] $*" >&2; }

stop_all() {
    local pid
    # newest first: the edge, the instances, then what they run on
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        pid=${PIDS[i]}
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    PIDS=()
    if [[ -n "$DATA_DIR" ]]; then
        rm -rf "$DATA_DIR"
        DATA_DIR=""
    fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_healthy LABEL PID URL LOG: polls URL until it answers 2xx, the process dies or 5 minutes pass.
wait_healthy() {
    local what=$1 pid=$2 url=$3 server_log=$4 deadline=$((SECONDS + 300))
    until curl -sf "$url" >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "$what exited during startup; last lines of $server_log:"
            tail -n 40 "$server_log" >&2
            return 1
        fi
        if ((SECONDS >= deadline)); then
            log "$what not ready after 300s; last lines of $server_log:"
            tail -n 40 "$server_log" >&2
            return 1
        fi
        sleep 0.5
    done
}

build() {
    if [[ "$BENCH_SKIP_BUILD" == 1 ]]; then
        log "BENCH_SKIP_BUILD=1: using existing jars and test classes"
    else
        log "building the services, the edge, the all-in-one runtime, cluster-tests' test classes and the bench client"
        ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -Dshardline.cds.skip \
            package -pl streams-service,gateway,cluster-tests,local,bench -am
    fi
    local missing=0
    for file in "$BENCH_JAR" "$SHARDLINE_JAR" cluster-tests/target/test-classes/dev/shardline/cluster/ClusterInfrastructure.class; do
        [[ -f "$file" ]] || { log "missing $file"; missing=1; }
    done
    STREAMS_JAR=$(ls streams-service/target/shardline-streams-service-*-exec.jar 2>/dev/null | head -n 1 || true)
    EDGE_JAR=$(ls gateway/target/shardline-gateway-*-exec.jar 2>/dev/null | head -n 1 || true)
    [[ -n "$STREAMS_JAR" ]] || { log "missing streams-service/target/shardline-streams-service-*-exec.jar"; missing=1; }
    [[ -n "$EDGE_JAR" ]] || { log "missing gateway/target/shardline-gateway-*-exec.jar"; missing=1; }
    ((missing == 0)) || exit 1
    # the classpath of cluster-tests' tests (embedded Kafka, zonky PostgreSQL, S3Proxy, the PostgreSQL driver)
    ./mvnw -B -q -o dependency:build-classpath -pl cluster-tests -Dmdep.includeScope=test \
        -Dmdep.outputFile="$PWD/$RUN_DIR/infrastructure.classpath" >/dev/null
}

# run_bench LABEL ENDPOINT: the client's default phases (PutRecords, GetRecords, latency) in CBOR.
run_bench() {
    local label=$1 endpoint=$2 rc=0
    log "benchmarking $label at $endpoint"
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
    java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" \
        --endpoint "$endpoint" --name "$label" --cbor true \
        --producers "$BENCH_PRODUCERS" --seconds "$BENCH_SECONDS" \
        --latency-seconds "$BENCH_LATENCY_SECONDS" --latency-rate "$BENCH_LATENCY_RATE" \
        --latency-warmup-seconds "$BENCH_LATENCY_WARMUP" \
        2>&1 | tee "$RUN_DIR/$label.txt" || rc=$?
    if ((rc != 0)); then
        log "$label: benchmark exited with status $rc"
        FAILED+=("$label")
    fi
}

bench_edge() {
    local env_file="$RUN_DIR/infrastructure.env" pid
    log "starting Kafka ($BENCH_KAFKA_BROKERS broker(s)), PostgreSQL and S3 in one JVM"
    java -Xmx1g -cp "cluster-tests/target/test-classes:$(cat "$RUN_DIR/infrastructure.classpath")" \
        dev.shardline.cluster.ClusterInfrastructure "$BENCH_KAFKA_BROKERS" "$env_file" \
        >"$RUN_DIR/infrastructure.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    local deadline=$((SECONDS + 300))
    until [[ -f "$env_file" ]]; do
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$RUN_DIR/infrastructure.log" >&2; return 1; }
        ((SECONDS < deadline)) || { log "infrastructure not up after 300s"; return 1; }
        sleep 0.5
    done
    # shellcheck disable=SC1090 # KAFKA=, JDBC=, S3=... written by ClusterInfrastructure
    source "$env_file"
    local instance_args=(
        "--spring.datasource.url=$JDBC" --spring.datasource.username=postgres --spring.datasource.password=
        "--spring.kafka.bootstrap-servers=$KAFKA"
        "${SECURITY_ARGS[@]}"
        "--shardline.kms.master-key=$MASTER_KEY"
        "--shardline.streams.topic-replication-factor=$BENCH_KAFKA_BROKERS"
        --shardline.streams.enforce-throughput-limits=false
    )
    local ports=() n
    for n in 1 2; do
        ports+=("$(free_port)")
        log "starting streams-$n on port ${ports[n - 1]}"
        # shellcheck disable=SC2086 # SERVICE_JAVA_OPTS is a list of JVM options
        java $SERVICE_JAVA_OPTS -jar "$STREAMS_JAR" --server.port="${ports[n - 1]}" "${instance_args[@]}" \
            >"$RUN_DIR/streams-$n.log" 2>&1 &
        pid=$!
        PIDS+=("$pid")
        # the first creates the schemas the instances share before the second starts
        wait_healthy "streams-$n" "$pid" "http://127.0.0.1:${ports[n - 1]}/actuator/health" "$RUN_DIR/streams-$n.log"
    done
    local edge_port
    edge_port=$(free_port)
    log "starting the edge on port $edge_port in front of both"
    # shellcheck disable=SC2086 # SERVICE_JAVA_OPTS is a list of JVM options
    java $SERVICE_JAVA_OPTS -jar "$EDGE_JAR" --server.port="$edge_port" \
        "--spring.cloud.discovery.client.simple.instances.streams[0].uri=http://127.0.0.1:${ports[0]}" \
        "--spring.cloud.discovery.client.simple.instances.streams[1].uri=http://127.0.0.1:${ports[1]}" \
        >"$RUN_DIR/edge.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    wait_healthy edge "$pid" "http://127.0.0.1:$edge_port/actuator/health" "$RUN_DIR/edge.log"
    run_bench edge "http://127.0.0.1:$edge_port"
    stop_all
}

bench_all_in_one() {
    local port s3_port pid
    port=$(free_port)
    s3_port=$(free_port)
    DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/shardline-cluster-bench.XXXXXX")
    log "starting the all-in-one runtime on port $port, data in $DATA_DIR"
    # shellcheck disable=SC2086 # SHARDLINE_JAVA_OPTS is a list of JVM options
    java $SHARDLINE_JAVA_OPTS -jar "$SHARDLINE_JAR" --server.port="$port" --shardline.data-dir="$DATA_DIR" \
        --shardline.s3.port="$s3_port" "${SECURITY_ARGS[@]}" --shardline.streams.enforce-throughput-limits=false \
        >"$RUN_DIR/all-in-one-server.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    wait_healthy all-in-one "$pid" "http://127.0.0.1:$port/actuator/health" "$RUN_DIR/all-in-one-server.log"
    run_bench all-in-one "http://127.0.0.1:$port"
    stop_all
}

# field LABEL PHASE KEY: a value from the RESULT lines, empty if the phase did not report it.
field() {
    local file="$RUN_DIR/$1.txt"
    [[ -f "$file" ]] || return 0
    grep -E "^RESULT name=$1 phase=$2( |$)" "$file" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$3=//p" || true
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b + 0 > 0) printf "%.2f", a / b; else printf "n/a"
    }'
}

summary_table() {
    echo "| metric | 2 streams instances behind the edge | all-in-one | edge/all-in-one |"
    echo "|---|---:|---:|---:|"
    row() {
        local e a
        e=$(field edge "$2" "$3")
        a=$(field all-in-one "$2" "$3")
        echo "| $1 | ${e:-n/a} | ${a:-n/a} | $(ratio "$e" "$a") |"
    }
    count_row() {
        echo "| $1 | $(field edge "$2" "$3")/$(field edge "$2" "$4") $(field edge "$2" status)" \
            "| $(field all-in-one "$2" "$3")/$(field all-in-one "$2" "$4") $(field all-in-one "$2" status) | |"
    }
    row "PutRecords records/s" put records_per_s
    row "PutRecords MiB/s" put mib_per_s
    row "GetRecords records/s" get records_per_s
    count_row "records read/acked" get records_read records_expected
    row "put-to-get latency p50 (ms, lower is better)" latency p50_ms
    row "put-to-get latency p99 (ms, lower is better)" latency p99_ms
    row "put-to-get latency max (ms, lower is better)" latency max_ms
    count_row "latency records received/sent" latency received sent
    echo
    echo "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(java -version 2>&1 | head -n 1);" \
        "Kafka brokers of the distributed setup: $BENCH_KAFKA_BROKERS; $BENCH_PRODUCERS producers x ${BENCH_SECONDS}s" \
        "of PutRecords (500 x 1 KiB), 4 shards; latency: ${BENCH_LATENCY_RATE} PutRecord/s x ${BENCH_LATENCY_SECONDS}s" \
        "after ${BENCH_LATENCY_WARMUP}s of warm-up; enforce mode, throughput limits off. Raw output: $RUN_DIR/"
}

FAILED=()
build
bench_edge
bench_all_in_one
summary_table | tee "$RUN_DIR/summary.md"
if ((${#FAILED[@]} > 0)); then
    log "benchmark failed for: ${FAILED[*]} (lost records or errors, see $RUN_DIR/)"
    exit 1
fi
