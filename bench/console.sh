#!/usr/bin/env bash
# Render times of the web console's stream page for a stream with many shards: starts the all-in-one runtime on an
# empty data directory, creates a PROVISIONED stream of CONSOLE_SHARDS shards (REST API), writes to it so that every
# shard has meters, then times CONSOLE_REQUESTS sequential GETs of the stream page (first render, whole HTML) and of
# its live panel (what the page polls every 2 s), and prints p50/p95/max in milliseconds. The stream list and the
# overview are timed too. Run from the repository root after `./mvnw -B -DskipTests package`:  bench/console.sh
#
# Environment:
#   CONSOLE_SHARDS    shards of the stream (default 64)
#   CONSOLE_REQUESTS  timed requests per page, after 20 untimed ones (default 200)
#   CONSOLE_COMMAND   how to start the runtime (default: java -jar local/target/shardline-local.jar)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CONSOLE_SHARDS=${CONSOLE_SHARDS:-64}
CONSOLE_REQUESTS=${CONSOLE_REQUESTS:-200}
CONSOLE_COMMAND=${CONSOLE_COMMAND:-java -jar local/target/shardline-local.jar}

work=$(mktemp -d /tmp/shardline-console.XXXXXX)
trap 'if [[ -n "${pid:-}" ]]; then kill -TERM -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
log() { echo "[console] $*" >&2; }
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

port=$(free_port)
s3port=$(free_port)
base="http://127.0.0.1:$port"
set -m
# shellcheck disable=SC2086
$CONSOLE_COMMAND --server.port="$port" --shardline.s3.port="$s3port" --shardline.data-dir="$work/data" \
    >"$work/runtime.log" 2>&1 &
pid=$!
set +m
log "starting the runtime on port $port"
for _ in $(seq 1 240); do
    grep -q "Shardline is ready" "$work/runtime.log" && break
    sleep 0.5
done
grep -q "Shardline is ready" "$work/runtime.log" || { tail -50 "$work/runtime.log"; exit 1; }

name=console-bench
curl -sf -o /dev/null -X POST "$base/v1/streams" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"shardCount\":$CONSOLE_SHARDS}"
for _ in $(seq 1 120); do
    curl -sf "$base/v1/streams/$name" | grep -q '"ACTIVE"' && break
    sleep 0.5
done
log "stream $name ACTIVE with $CONSOLE_SHARDS shards; writing to every shard"
records=$(python3 -c "
import json
print(json.dumps({'records': [{'partitionKey': 'k%d' % i, 'text': 'x' * 100} for i in range(500)]}))")
for _ in 1 2 3 4; do
    curl -sf -o /dev/null -X POST "$base/v1/streams/$name/records" -H 'Content-Type: application/json' -d "$records"
done

time_page() {
    local label=$1 path=$2
    for _ in $(seq 1 20); do curl -sf -o /dev/null "$base$path"; done
    for _ in $(seq 1 "$CONSOLE_REQUESTS"); do
        curl -sf -o /dev/null -w '%{time_total}\n' "$base$path"
    done | sort -n | awk -v label="$label" -v bytes="$(curl -sf "$base$path" | wc -c)" '
        { t[NR] = $1 * 1000 }
        END { printf "| %s | %d | %.1f | %.1f | %.1f | %d |\n", label, NR, t[int(NR*0.5)], t[int(NR*0.95)], t[NR], bytes }'
}

echo
echo "Console render times, $(date -u +%Y-%m-%d), $(nproc) cores, stream of $CONSOLE_SHARDS shards (ms, sequential curl)"
echo
echo "| page | requests | p50 | p95 | max | bytes |"
echo "| --- | --- | --- | --- | --- | --- |"
time_page "stream page (first render)" "/console/streams/$name"
time_page "live panel (polled)" "/console/streams/$name/live"
time_page "stream list" "/console/streams"
time_page "overview" "/console"
