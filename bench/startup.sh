#!/usr/bin/env bash
# Start-up benchmark of the all-in-one runtime: starts it STARTUP_RUNS times on an empty data directory, each time
# followed by a start on the directory that run left (stopped cleanly) and one after a kill -9 of that second run, and
# reports per kind of start
#   ready      time from launch to the "Shardline is ready" log line
#   first call time from launch to the first successful AWS call (Kinesis ListStreams, polled every 50 ms)
#   RSS idle   resident memory 10 s after ready, with nothing calling it
# and the phases the runtime's own log shows (embedded servers, Spring context). Run from the repository root after
# `./mvnw -B -DskipTests package`:  bench/startup.sh
#
# Environment:
#   STARTUP_RUNS        rounds of (empty, existing, after kill -9) starts (default 3)
#   STARTUP_COMMAND     how to start the runtime (default ./shardline, the launcher the README gives); e.g.
#                       STARTUP_COMMAND="java -jar local/target/shardline-local.jar" to measure the plain runnable jar
#   STARTUP_IDLE_SECONDS how long after ready RSS is read (default 10)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

STARTUP_RUNS=${STARTUP_RUNS:-3}
STARTUP_COMMAND=${STARTUP_COMMAND:-./shardline}
STARTUP_IDLE_SECONDS=${STARTUP_IDLE_SECONDS:-10}

work=$(mktemp -d /tmp/shardline-startup.XXXXXX)
results=$work/results.tsv
# An interrupted run leaves no runtime and no embedded PostgreSQL (which detaches from the JVM's process group).
trap 'kill_tree "${pid:-}" KILL; pkill -f "postgres -D $work" || true; rm -rf "$work"' EXIT

log() { echo "[startup] $*" >&2; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# The runtime's JVM and its embedded PostgreSQL (a child process of the JVM's, in the launcher's process group).
kill_tree() {
    local target=$1 signal=$2
    [[ -n "$target" ]] || return 0
    kill "-$signal" -- "-$target" 2>/dev/null || kill "-$signal" "$target" 2>/dev/null || true
    wait "$target" 2>/dev/null || true
}

aws_call_ok() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 1 -X POST "http://127.0.0.1:$1/" \
        -H 'Content-Type: application/x-amz-json-1.1' -H 'X-Amz-Target: Kinesis_20131202.ListStreams' \
        -H 'Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0' \
        -d '{}' 2>/dev/null | grep -q '^200$'
}

# start KIND DATA_DIR STOP(term|kill): one start, measured; appends a row to the results.
start_once() {
    local kind=$1 data=$2 stop=$3 port s3port out launched ready="" first="" rss
    port=$(free_port)
    s3port=$(free_port)
    out=$work/$kind-$(date +%s%N).log
    launched=$(now_ms)
    set -m
    # shellcheck disable=SC2086
    $STARTUP_COMMAND --server.port="$port" --shardline.s3.port="$s3port" --shardline.data-dir="$data" >"$out" 2>&1 &
    pid=$!
    set +m
    local deadline=$((launched + 180000))
    while [[ -z "$ready" || -z "$first" ]]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "the runtime exited during start-up; its log: $out"
            tail -20 "$out" >&2
            exit 1
        fi
        if (($(now_ms) > deadline)); then
            log "not ready within 180 s; its log: $out"
            exit 1
        fi
        if [[ -z "$first" ]] && aws_call_ok "$port"; then
            first=$(($(now_ms) - launched))
        fi
        if [[ -z "$ready" ]] && grep -q "Shardline is ready" "$out"; then
            ready=$(($(now_ms) - launched))
        fi
        sleep 0.05
    done
    sleep "$STARTUP_IDLE_SECONDS"
    # The launcher execs the JVM, so $pid is the JVM (the embedded PostgreSQL's own processes are not counted).
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
    printf '%s\t%s\t%s\t%s\n' "$kind" "$ready" "$first" "$rss" >>"$results"
    log "$kind: ready ${ready} ms, first AWS call ${first} ms, RSS idle ${rss} MiB"
    phases "$out" | sed 's/^/[startup]     /' >&2
    if [[ $stop == kill ]]; then
        kill_tree "$pid" KILL
    else
        kill_tree "$pid" TERM
    fi
    pid=""
}

# The phases the runtime logs about itself.
phases() {
    grep -oE "Embedded [A-Za-z() 0-9]+ started in [0-9]+ ms|Embedded infrastructure ready after [0-9]+ ms|Started [A-Za-z]+ in [0-9.]+ seconds \(process running for [0-9.]+\)" "$1" || true
}

summary() {
    local kind=$1
    awk -F'\t' -v kind="$kind" '
        $1 == kind { n++; r[n] = $2; f[n] = $3; m[n] = $4 }
        function median(a, n,   i, j, t) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        function range(a, n,   i, lo, hi) {
            lo = a[1]; hi = a[1]
            for (i = 2; i <= n; i++) { if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i] }
            return lo "–" hi
        }
        END {
            if (!n) exit
            printf "| %s | %d | %.1f s (%s ms) | %.1f s (%s ms) | %d MiB (%s) |\n", kind, n, median(r, n) / 1000, range(r, n),
                median(f, n) / 1000, range(f, n), median(m, n), range(m, n)
        }' "$results"
}

log "command: $STARTUP_COMMAND; $STARTUP_RUNS rounds on $(nproc) cores; $(java -version 2>&1 | head -1)"
for round in $(seq 1 "$STARTUP_RUNS"); do
    data=$work/data-$round
    start_once empty "$data" term
    start_once existing "$data" kill
    start_once after-kill-9 "$data" term
    rm -rf "$data"
done

echo
echo "Start-up of \`$STARTUP_COMMAND\`, $STARTUP_RUNS rounds, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
echo
echo "| data directory | starts | ready, median (range) | first AWS call, median (range) | RSS idle, median (range) |"
echo "|---|---|---|---|---|"
summary empty
summary existing
summary after-kill-9
