#!/bin/sh
# Builds the core if its sources changed since the last build, then starts it in the foreground.
# Arguments go to the server: ./run.sh --help lists them. Ctrl-C or SIGTERM stops it cleanly.
set -eu
cd "$(dirname "$0")"

jar=core/target/talos-core.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml protocol plugins agent core/pom.xml core/src conf webroot -path "*/target" -prune -o -newer "$jar" -print -quit)" ]; then
  echo "building talos core (the first build downloads Maven and the dependencies)..." >&2
  ./mvnw -q -B -DskipTests package
fi
# the parallel collector keeps pauses short for the gateway's short-lived garbage (docs/performance.md)
exec java -XX:+UseParallelGC -jar "$jar" "$@"
