#!/usr/bin/env bash
# Sends a generated H.264 test pattern (640x352, 25 frames/s, about 2 Mbit/s, one fragment a second) to a Kinesis Video
# stream of a running Shardline at real time over AWS's PutMedia wire, for trying the video service and its player
# page by hand. Run from the repository root: bench/video-producer.sh STREAM [SECONDS]
#
# Environment:
#   SHARDLINE_ENDPOINT  where Shardline listens (default http://127.0.0.1:4566)
#   BENCH_SKIP_BUILD    1 to reuse bench/target/shardline-bench.jar
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ $# -lt 1 ]]; then
    echo "usage: bench/video-producer.sh STREAM [SECONDS]" >&2
    exit 2
fi
BENCH_JAR=bench/target/shardline-bench.jar
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f "$BENCH_JAR" ]]; then
    echo "[video-producer] building the bench module" >&2
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl bench -am
fi
exec java -cp "$BENCH_JAR" -Dloader.main=dev.shardline.bench.VideoTestPattern \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --endpoint "${SHARDLINE_ENDPOINT:-http://127.0.0.1:4566}" --stream "$1" --seconds "${2:-60}"
