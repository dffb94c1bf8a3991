#!/usr/bin/env bash
# Benchmarks Shardline against kinesalite 3.3.3 on this machine through the AWS SDK for Java v2 and prints a
# markdown comparison, then runs Shardline-only capacity benchmarks against a second Shardline server that enforces
# PROVISIONED per-shard limits (the server default). Run from the repository root: bench/run.sh
#
# Environment:
#   BENCH_TARGETS          kinesalite,shardline (default); e.g. BENCH_TARGETS=kinesalite to run only one, none for
#                          no comparison (the capacity step alone)
#   BENCH_SECONDS          PutRecords phase length in seconds (default 20)
#   BENCH_PRODUCERS        concurrent PutRecords producer threads (default 4)
#   BENCH_LATENCY_SECONDS  latency phase length in seconds (default 15)
#   BENCH_LATENCY_RATE     latency phase PutRecord calls per second (default 200)
#   BENCH_LATENCY_WARMUP   seconds of the same latency load before it is measured, for each server (default 30)
#   BENCH_SKIP_BUILD       1 to reuse the jars already in */target
#   BENCH_JAVA_OPTS        JVM options of the benchmark client (default -Xmx1g)
#   SHARDLINE_JAVA_OPTS    JVM options of the Shardline server (default none)
#   SHARDLINE_JAR          the server jar (default local/target/shardline-local.jar, which the build step makes); with
#                          BENCH_SKIP_BUILD=1 to benchmark a server built elsewhere
#   SHARDLINE_CBOR         true (default, the SDK's default for Kinesis) or false to drive Shardline in JSON, as kinesalite
#   BENCH_CAPACITY         1 (default) runs the capacity step against Shardline, whatever BENCH_TARGETS; 0 skips it
#   BENCH_CAPACITY_SECONDS PROVISIONED throttling phase length in seconds, after a 3 s warm-up (default 15)
#   BENCH_CAPACITY_RATE    records/s offered to the 2-shard PROVISIONED stream (default 4000, twice its limit)
#   BENCH_CAPACITY_WRITERS concurrent writer threads of both capacity phases (default 16)
#   BENCH_RAMP_STEP_SECONDS how long the ON_DEMAND ramp holds each rate (default 8)
#   BENCH_RAMP_RATES       the ON_DEMAND ramp's offered rates in records/s
#                          (default 100,500,1000,2000,4000,6000,8000,10000,10000,10000)
#   BENCH_FIREHOSE         1 (default) runs the Firehose step (DirectPut into the embedded S3) against a Shardline
#                          server of its own, 0 skips it; BENCH_TARGETS=none BENCH_CAPACITY=0 runs it alone
#   BENCH_FIREHOSE_SECONDS Firehose PutRecordBatch throughput phase length in seconds (default 20)
#   BENCH_FIREHOSE_PRODUCERS concurrent PutRecordBatch producer threads (default 4)
#   BENCH_FRESHNESS_RATE   records/s (1 KiB each) of the paced Firehose data freshness run (default 500)
#   BENCH_FRESHNESS_SECONDS measured length of the freshness run in seconds (default 30)
#
# Targets run one after the other, each server started only for its own benchmark: on a 2-core machine an idle
# JVM or node process next to the one being measured would still take CPU from it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

BENCH_TARGETS=${BENCH_TARGETS:-kinesalite,shardline}
BENCH_SECONDS=${BENCH_SECONDS:-20}
BENCH_PRODUCERS=${BENCH_PRODUCERS:-4}
BENCH_LATENCY_SECONDS=${BENCH_LATENCY_SECONDS:-15}
BENCH_LATENCY_RATE=${BENCH_LATENCY_RATE:-200}
BENCH_LATENCY_WARMUP=${BENCH_LATENCY_WARMUP:-30}
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx1g}
SHARDLINE_JAVA_OPTS=${SHARDLINE_JAVA_OPTS:-}
SHARDLINE_CBOR=${SHARDLINE_CBOR:-true}
BENCH_CAPACITY=${BENCH_CAPACITY:-1}
BENCH_CAPACITY_SECONDS=${BENCH_CAPACITY_SECONDS:-15}
BENCH_CAPACITY_RATE=${BENCH_CAPACITY_RATE:-4000}
BENCH_CAPACITY_WRITERS=${BENCH_CAPACITY_WRITERS:-16}
BENCH_RAMP_STEP_SECONDS=${BENCH_RAMP_STEP_SECONDS:-8}
BENCH_RAMP_RATES=${BENCH_RAMP_RATES:-100,500,1000,2000,4000,6000,8000,10000,10000,10000}
BENCH_FIREHOSE=${BENCH_FIREHOSE:-1}
BENCH_FIREHOSE_SECONDS=${BENCH_FIREHOSE_SECONDS:-20}
BENCH_FIREHOSE_PRODUCERS=${BENCH_FIREHOSE_PRODUCERS:-4}
BENCH_FRESHNESS_RATE=${BENCH_FRESHNESS_RATE:-500}
BENCH_FRESHNESS_SECONDS=${BENCH_FRESHNESS_SECONDS:-30}

KINESALITE_VERSION=3.3.3
BENCH_JAR=bench/target/shardline-bench.jar
SHARDLINE_JAR=${SHARDLINE_JAR:-local/target/shardline-local.jar}
KINESALITE_BIN=bench/node_modules/.bin/kinesalite

TARGETS=()
[[ "$BENCH_TARGETS" == none ]] || read -r -a TARGETS <<<"${BENCH_TARGETS//,/ }"
for target in "${TARGETS[@]}"; do
    case "$target" in
        kinesalite | shardline) ;;
        *) echo "unknown target in BENCH_TARGETS: $target (want kinesalite and/or shardline, or none)" >&2; exit 2 ;;
    esac
done
case "$BENCH_CAPACITY" in
    0 | 1) ;;
    *) echo "BENCH_CAPACITY must be 0 or 1, got $BENCH_CAPACITY" >&2; exit 2 ;;
esac
case "$BENCH_FIREHOSE" in
    0 | 1) ;;
    *) echo "BENCH_FIREHOSE must be 0 or 1, got $BENCH_FIREHOSE" >&2; exit 2 ;;
esac
wants() { [[ " ${TARGETS[*]} " == *" $1 "* ]]; }
# The capacity and Firehose steps need the Shardline server even when the comparison does not.
needs_shardline() { wants shardline || [[ "$BENCH_CAPACITY" == 1 ]] || [[ "$BENCH_FIREHOSE" == 1 ]]; }

RUN_DIR="bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
SERVER_PID=""
DATA_DIR=""

log() { echo "[bench] $*" >&2; }

stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        # Give it a moment to shut down cleanly, then insist.
        for _ in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}

cleanup() {
    stop_server
    if [[ -n "$DATA_DIR" ]]; then
        rm -rf "$DATA_DIR"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    # No python: probe random high ports until nothing answers on one.
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "no free port found" >&2
    return 1
}

# wait_until DESCRIPTION TIMEOUT_SECONDS LOG COMMAND...: polls COMMAND until it succeeds, the server dies or time is up.
wait_until() {
    local what=$1 timeout=$2 server_log=$3
    shift 3
    local deadline=$((SECONDS + timeout))
    until "$@" >/dev/null 2>&1; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            log "$what exited during startup; last lines of $server_log:"
            tail -n 40 "$server_log" >&2
            return 1
        fi
        if ((SECONDS >= deadline)); then
            log "$what not ready after ${timeout}s; last lines of $server_log:"
            tail -n 40 "$server_log" >&2
            return 1
        fi
        sleep 0.5
    done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

build() {
    if [[ "$BENCH_SKIP_BUILD" == 1 ]]; then
        log "BENCH_SKIP_BUILD=1: using existing jars"
    elif needs_shardline; then
        log "building local and bench modules"
        ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl local,bench -am
    else
        # The bench module does not depend on the server modules, so a kinesalite-only run needs just this.
        log "building bench module"
        ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl bench
    fi
    [[ -f "$BENCH_JAR" ]] || { log "missing $BENCH_JAR"; exit 1; }
    if needs_shardline && [[ ! -f "$SHARDLINE_JAR" ]]; then
        log "missing $SHARDLINE_JAR (the local module should repackage to this name)"
        exit 1
    fi
}

install_kinesalite() {
    if [[ -x "$KINESALITE_BIN" ]] \
        && [[ "$(node -p "require('./bench/node_modules/kinesalite/package.json').version")" == "$KINESALITE_VERSION" ]]; then
        return
    fi
    log "installing kinesalite $KINESALITE_VERSION into bench/node_modules"
    # bench/package.json and package-lock.json pin it; bench/.npmrc keeps npm from widening the pin to a range.
    npm install --prefix bench --no-audit --no-fund "kinesalite@$KINESALITE_VERSION" >&2
}

# run_bench TARGET ENDPOINT CBOR: runs the client, output to the console and $RUN_DIR/TARGET.txt.
run_bench() {
    local target=$1 endpoint=$2 cbor=$3 rc=0
    log "benchmarking $target at $endpoint (cbor=$cbor)"
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
    java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" \
        --endpoint "$endpoint" --name "$target" --cbor "$cbor" \
        --producers "$BENCH_PRODUCERS" --seconds "$BENCH_SECONDS" \
        --latency-seconds "$BENCH_LATENCY_SECONDS" --latency-rate "$BENCH_LATENCY_RATE" \
        --latency-warmup-seconds "$BENCH_LATENCY_WARMUP" \
        2>&1 | tee "$RUN_DIR/$target.txt" || rc=$?
    if ((rc != 0)); then
        log "$target: benchmark exited with status $rc"
        FAILED+=("$target")
    fi
}

bench_kinesalite() {
    install_kinesalite
    local port server_log="$RUN_DIR/kinesalite-server.log"
    port=$(free_port)
    log "starting kinesalite $KINESALITE_VERSION (in memory) on port $port"
    # Its default shard limit of 10 would refuse the benchmark's 4-shard streams once a few exist.
    "$KINESALITE_BIN" --port "$port" --shardLimit 100 >"$server_log" 2>&1 &
    SERVER_PID=$!
    wait_until kinesalite 30 "$server_log" port_open "$port"
    # kinesalite 3.3.3 accepts CBOR requests but its CBOR answers to PutRecords/GetRecords do not parse in the SDK.
    run_bench kinesalite "http://127.0.0.1:$port" false
    stop_server
}

# start_shardline LABEL [SERVER ARGS...]: starts a Shardline server on a free port with a fresh data dir and sets PORT.
# Its embedded S3 endpoint gets a free port too unless the arguments name one, so a Shardline already running on this
# machine (S3 on 4569) does not stop the benchmark's server.
start_shardline() {
    local label=$1 server_log="$RUN_DIR/$1-server.log"
    shift
    if [[ " $* " != *" --shardline.s3.port="* ]]; then
        set -- "$@" --shardline.s3.port="$(free_port)"
    fi
    PORT=$(free_port)
    DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/shardline-bench.XXXXXX")
    log "starting Shardline ($label) on port $PORT, data in $DATA_DIR"
    # shellcheck disable=SC2086 # SHARDLINE_JAVA_OPTS is a list of JVM options
    java $SHARDLINE_JAVA_OPTS -jar "$SHARDLINE_JAR" --server.port="$PORT" --shardline.data-dir="$DATA_DIR" "$@" \
        >"$server_log" 2>&1 &
    SERVER_PID=$!
    wait_until Shardline 300 "$server_log" curl -sf "http://127.0.0.1:$PORT/actuator/health"
}

stop_shardline() {
    stop_server
    rm -rf "$DATA_DIR"
    DATA_DIR=""
}

bench_shardline() {
    # Per-shard PROVISIONED limits (1,000 records/s a shard) are off here: this compares raw throughput with
    # kinesalite, which has none.
    start_shardline shardline --shardline.streams.enforce-throughput-limits=false
    run_bench shardline "http://127.0.0.1:$PORT" "$SHARDLINE_CBOR"
    stop_shardline
}

# Capacity benchmarks, Shardline only (kinesalite has neither per-shard limits nor ON_DEMAND streams): a server of
# its own, with the default per-shard PROVISIONED limits on, so nothing from the comparison run is left in it.
bench_capacity() {
    local rc=0
    start_shardline shardline-capacity
    log "capacity benchmarks at http://127.0.0.1:$PORT (per-shard limits on)"
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
    java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" \
        --endpoint "http://127.0.0.1:$PORT" --name shardline --cbor "$SHARDLINE_CBOR" --phases capacity \
        --capacity-seconds "$BENCH_CAPACITY_SECONDS" --capacity-rate "$BENCH_CAPACITY_RATE" \
        --capacity-writers "$BENCH_CAPACITY_WRITERS" \
        --ramp-step-seconds "$BENCH_RAMP_STEP_SECONDS" --ramp-rates "$BENCH_RAMP_RATES" \
        2>&1 | tee "$RUN_DIR/capacity.txt" || rc=$?
    if ((rc != 0)); then
        log "capacity: benchmark exited with status $rc"
        FAILED+=("capacity")
    fi
    # The server's own account of its ON_DEMAND decisions, next to what the client saw.
    grep -E "ON_DEMAND stream" "$RUN_DIR/shardline-capacity-server.log" | sed 's/^/[server] /' >&2 || true
    stop_shardline
}

# Firehose, Shardline only: DirectPut into the embedded S3 endpoint on a server of its own, whose S3 port is chosen
# here so the client can watch the delivery buckets.
bench_firehose() {
    local rc=0 s3_port
    s3_port=$(free_port)
    start_shardline shardline-firehose --shardline.s3.port="$s3_port"
    log "Firehose benchmarks at http://127.0.0.1:$PORT, delivering to the embedded S3 at http://127.0.0.1:$s3_port"
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
    java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" \
        --endpoint "http://127.0.0.1:$PORT" --name shardline --phases firehose \
        --s3-endpoint "http://127.0.0.1:$s3_port" \
        --firehose-producers "$BENCH_FIREHOSE_PRODUCERS" --firehose-seconds "$BENCH_FIREHOSE_SECONDS" \
        --freshness-rate "$BENCH_FRESHNESS_RATE" --freshness-seconds "$BENCH_FRESHNESS_SECONDS" \
        2>&1 | tee "$RUN_DIR/firehose.txt" || rc=$?
    if ((rc != 0)); then
        log "firehose: benchmark exited with status $rc"
        FAILED+=("firehose")
    fi
    stop_shardline
}

# ffield PHASE KEY: a value from the Firehose step's RESULT line of PHASE, n/a if missing.
ffield() {
    local file="$RUN_DIR/firehose.txt" value=""
    if [[ -f "$file" ]]; then
        value=$(grep -E "^RESULT name=shardline phase=$1( |$)" "$file" | tail -n 1 | tr ' ' '\n' \
            | sed -n "s/^$2=//p" || true)
    fi
    echo "${value:-n/a}"
}

firehose_table() {
    echo "Firehose (Shardline only, DirectPut into the embedded S3 endpoint, 1 KiB records, uncompressed):"
    echo
    echo "| metric | Shardline |"
    echo "|---|---:|"
    echo "| PutRecordBatch records/s acknowledged ($BENCH_FIREHOSE_PRODUCERS producers, 500 per call," \
        "${BENCH_FIREHOSE_SECONDS}s) | $(round "$(ffield firehose-throughput put_records_per_s)") |"
    echo "| records/s delivered to S3 (until the last record is in the bucket;" \
        "buffer $(ffield firehose-throughput buffer_mib) MiB / $(ffield firehose-throughput buffer_s) s)" \
        "| $(round "$(ffield firehose-throughput records_per_s)") |"
    echo "| MiB/s delivered to S3 | $(ffield firehose-throughput mib_per_s) |"
    echo "| bytes in S3 / acknowledged | $(ffield firehose-throughput bytes_delivered) /" \
        "$(ffield firehose-throughput bytes_acked) $(ffield firehose-throughput status) |"
    echo "| data freshness p50 (ms, put to object listed; buffer 1 MiB / 60 s," \
        "$BENCH_FRESHNESS_RATE records/s) | $(round "$(ffield firehose-freshness p50_ms)") |"
    echo "| data freshness p99 (ms) | $(round "$(ffield firehose-freshness p99_ms)") |"
    echo "| data freshness max (ms) | $(round "$(ffield firehose-freshness max_ms)") |"
    echo "| freshness records received / acknowledged (duplicates) | $(ffield firehose-freshness received) /" \
        "$(ffield firehose-freshness acked) ($(ffield firehose-freshness duplicates))" \
        "$(ffield firehose-freshness status) |"
    echo
    echo "Raw output: $RUN_DIR/firehose.txt"
}

# field TARGET PHASE KEY: a value from the RESULT lines, empty if the phase did not report it.
field() {
    local file="$RUN_DIR/$1.txt"
    [[ -f "$file" ]] || return 0
    grep -E "^RESULT name=$1 phase=$2( |$)" "$file" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$3=//p" || true
}

# ratio A B: A/B with two decimals, or n/a when either is missing or B is zero.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b + 0 > 0) printf "%.2f", a / b; else printf "n/a"
    }'
}

summary_table() {
    local both=0
    wants kinesalite && wants shardline && both=1
    local header="| metric |" rule="|---|"
    wants kinesalite && header+=" kinesalite $KINESALITE_VERSION (JSON) |" && rule+="---:|"
    wants shardline && header+=" Shardline ($([[ $SHARDLINE_CBOR == true ]] && echo CBOR || echo JSON)) |" && rule+="---:|"
    ((both)) && header+=" shardline/kinesalite |" && rule+="---:|"
    echo "$header"
    echo "$rule"
    row() {
        local label=$1 phase=$2 key=$3 line k s
        k=$(field kinesalite "$phase" "$key")
        s=$(field shardline "$phase" "$key")
        line="| $label |"
        wants kinesalite && line+=" ${k:-n/a} |"
        wants shardline && line+=" ${s:-n/a} |"
        ((both)) && line+=" $(ratio "$s" "$k") |"
        echo "$line"
    }
    count_row() {
        local label=$1 phase=$2 got=$3 want=$4 line t
        line="| $label |"
        for t in kinesalite shardline; do
            wants "$t" || continue
            line+=" $(field "$t" "$phase" "$got")/$(field "$t" "$phase" "$want") $(field "$t" "$phase" status) |"
        done
        ((both)) && line+=" |"
        echo "$line"
    }
    row "PutRecords records/s" put records_per_s
    row "PutRecords MiB/s" put mib_per_s
    row "GetRecords records/s" get records_per_s
    row "GetRecords MiB/s" get mib_per_s
    count_row "records read/acked" get records_read records_expected
    row "put-to-get latency p50 (ms, lower is better)" latency p50_ms
    row "put-to-get latency p99 (ms, lower is better)" latency p99_ms
    row "put-to-get latency max (ms, lower is better)" latency max_ms
    count_row "latency records received/sent" latency received sent
    echo
    echo "$(nproc) CPUs, $(java -version 2>&1 | head -n 1), node $(node --version 2>/dev/null || echo n/a);" \
        "$BENCH_PRODUCERS producers x ${BENCH_SECONDS}s of PutRecords (500 x 1 KiB), 4 shards;" \
        "latency: ${BENCH_LATENCY_RATE} PutRecord/s x ${BENCH_LATENCY_SECONDS}s after ${BENCH_LATENCY_WARMUP}s of warm-up. Raw output: $RUN_DIR/"
}

# cfield PHASE KEY: a value from the capacity step's last RESULT line of PHASE, n/a if missing.
cfield() {
    local file="$RUN_DIR/capacity.txt" value=""
    if [[ -f "$file" ]]; then
        value=$(grep -E "^RESULT name=shardline phase=$1( |$)" "$file" | tail -n 1 | tr ' ' '\n' \
            | sed -n "s/^$2=//p" || true)
    fi
    echo "${value:-n/a}"
}

# round VALUE: a whole number, or n/a when VALUE is not a number.
round() {
    awk -v v="$1" 'BEGIN { if (v ~ /^-?[0-9.]+$/) printf "%.0f", v; else printf "n/a" }'
}

capacity_table() {
    local file="$RUN_DIR/capacity.txt"
    echo "Capacity (Shardline only, per-shard limits on, 1 KiB records in PutRecords batches of 100, random keys," \
        "$BENCH_CAPACITY_WRITERS writers):"
    echo
    echo "| PROVISIONED throttling, 2 shards, ${BENCH_CAPACITY_SECONDS}s measured after a warm-up | Shardline |"
    echo "|---|---:|"
    echo "| offered records/s (target $BENCH_CAPACITY_RATE) | $(round "$(cfield throttle offered_per_s)") |"
    echo "| acknowledged records/s (limit $(cfield throttle limit_per_s)) | $(round "$(cfield throttle acked_per_s)") |"
    echo "| throttled share (%) | $(cfield throttle throttled_pct) |"
    echo "| other errors | $(cfield throttle other_errors) |"
    echo "| status | $(cfield throttle status) |"
    echo
    echo "| ON_DEMAND ramp step (${BENCH_RAMP_STEP_SECONDS}s each) | offered records/s | achieved records/s" \
        "| throttled records | other errors | open shards at step end |"
    echo "|---:|---:|---:|---:|---:|---:|"
    if [[ -f "$file" ]]; then
        { grep -E "^RESULT name=shardline phase=ondemand-step " "$file" || true; } | while read -r line; do
            local step offered achieved throttled other open
            step=$(tr ' ' '\n' <<<"$line" | sed -n 's/^step=//p')
            offered=$(tr ' ' '\n' <<<"$line" | sed -n 's/^offered_per_s=//p')
            achieved=$(tr ' ' '\n' <<<"$line" | sed -n 's/^achieved_per_s=//p')
            throttled=$(tr ' ' '\n' <<<"$line" | sed -n 's/^records_throttled=//p')
            other=$(tr ' ' '\n' <<<"$line" | sed -n 's/^other_errors=//p')
            open=$(tr ' ' '\n' <<<"$line" | sed -n 's/^open_shards=//p')
            echo "| $step | $offered | $(round "$achieved") | $throttled | $other | $open |"
        done
    fi
    echo
    echo "ON_DEMAND: $(cfield ondemand initial_shards) -> $(cfield ondemand final_shards) open shards;" \
        "throughput errors $(cfield ondemand records_throttled) records ($(cfield ondemand throttled_calls) whole" \
        "calls), other errors $(cfield ondemand other_errors); status $(cfield ondemand status). Shard count changes:"
    echo
    local changes=0
    if [[ -f "$file" ]]; then
        while read -r line; do
            local t from to offered
            t=$(tr ' ' '\n' <<<"$line" | sed -n 's/^t_s=//p')
            from=$(tr ' ' '\n' <<<"$line" | sed -n 's/^from=//p')
            to=$(tr ' ' '\n' <<<"$line" | sed -n 's/^to=//p')
            offered=$(tr ' ' '\n' <<<"$line" | sed -n 's/^offered_per_s=//p')
            if [[ "$from" == "$to" ]]; then
                LC_ALL=C printf -- '- t=%.1fs new shards listed, open shard count still %s\n' "$t" "$to"
            else
                LC_ALL=C printf -- '- t=%.1fs %s -> %s shards at %s rec/s offered\n' "$t" "$from" "$to" "$offered"
            fi
            changes=$((changes + 1))
        done < <(grep -E "^RESULT name=shardline phase=ondemand-reshard " "$file")
    fi
    ((changes > 0)) || echo "- none"
    echo
    echo "Raw output: $RUN_DIR/capacity.txt"
}

FAILED=()
build
wants kinesalite && bench_kinesalite
wants shardline && bench_shardline
[[ "$BENCH_CAPACITY" == 1 ]] && bench_capacity
[[ "$BENCH_FIREHOSE" == 1 ]] && bench_firehose

if ((${#TARGETS[@]} > 0)); then
    summary_table | tee "$RUN_DIR/summary.md"
fi
if [[ "$BENCH_CAPACITY" == 1 ]]; then
    echo
    capacity_table | tee "$RUN_DIR/capacity.md"
fi
if [[ "$BENCH_FIREHOSE" == 1 ]]; then
    echo
    firehose_table | tee "$RUN_DIR/firehose.md"
fi
if ((${#FAILED[@]} > 0)); then
    log "benchmark failed for: ${FAILED[*]} (lost records, errors or a capacity check not met, see $RUN_DIR/)"
    exit 1
fi
