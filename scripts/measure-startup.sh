#!/usr/bin/env bash
# Measures how long the packaged core takes from `java -jar` to a 200 on /health/ready, on a fresh
# data folder (PostgreSQL binaries unpacked, database created) and on an existing one, and how long
# it takes to exit after SIGTERM. Usage: scripts/measure-startup.sh [runs]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
jar=core/target/talos-core.jar
[ -f "$jar" ] || ./mvnw -q -B -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=18080

now_ms() { date +%s%3N; }

# start_once <data dir>: prints "<ms to ready> <ms to exit after SIGTERM>"
start_once() {
  local started ready stopped pid
  started=$(now_ms)
  TALOS_DATA_DIR="$1" TALOS_HTTP_PORT=$port TALOS_HTTP_HOST=127.0.0.1 \
    java -jar "$jar" >"$work/server.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(now_ms)
  kill -TERM "$pid"
  wait "$pid" || true
  stopped=$(now_ms)
  echo "$((ready - started)) $((stopped - ready))"
}

echo "java: $(java -version 2>&1 | head -n 1)"
echo "cpus: $(nproc)"
echo "run  first-start-ms  stop-ms  later-start-ms  stop-ms"
for i in $(seq 1 "$runs"); do
  data="$work/data-$i"
  read -r first first_stop < <(start_once "$data")
  read -r later later_stop < <(start_once "$data")
  printf '%3d  %14d  %7d  %14d  %7d\n' "$i" "$first" "$first_stop" "$later" "$later_stop"
done
