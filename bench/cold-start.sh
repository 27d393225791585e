#!/bin/bash
# Cold start of the hub: wall clock from `java` to the first 200 of GET :MANAGEMENT_PORT/actuator/health, and the
# hub's RSS once healthy. Runs from the project folder (config/, connectors/ and the dev vault key are relative to
# it). Each run starts and stops its own hub on the bench ports.
# Usage: bash bench/cold-start.sh <sandbox|jar> [runs] [extra java options...]
#   sandbox           the sandbox hub (bench/sandbox-hub.sh) on its embedded PostgreSQL; the data folder is kept
#                     between runs unless FRESH=1 (then initdb and every migration are part of the start)
#   <jar>             the production jar, on the database CALLINTEL_DB_URL / _USER / _PASSWORD name (it has no
#                     embedded one: e.g. a sandbox hub's, its port in the sandbox hub's log)
#   JAVA_OPTS_BENCH   JVM options (default: the bench hub's, bench/README.md)
#   CDS=1             (a jar) also run with an AppCDS archive made by a training run (-XX:ArchiveClassesAtExit), from
#                     the jar extracted with `-Djarmode=tools extract` (Spring Boot's recommended way to use CDS)
set -euo pipefail
JAR=$1; RUNS=${2:-3}; shift $(( $# >= 2 ? 2 : 1 ))
HUB_PORT=${HUB_PORT:-18080}; MANAGEMENT_PORT=${MANAGEMENT_PORT:-19090}
DATA=${DATA:-/tmp/callintel-coldstart-data}
OPTS=${JAVA_OPTS_BENCH:-"-Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m"}
ARGS=(--callintel.mail.port=13025 --callintel.db.embedded.data-dir="$DATA")
[[ ${FRESH:-0} == 1 ]] && rm -rf "$DATA"

start() {   # $@ = the java command; prints "seconds rss_mb"
  local t0 pid code
  t0=$(date +%s.%N)
  PORT=$HUB_PORT CALLINTEL_MANAGEMENT_PORT=$MANAGEMENT_PORT "$@" > /tmp/callintel-coldstart.log 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health" || true)
    [[ $code == 200 ]] && break
    kill -0 $pid 2>/dev/null || { echo "hub exited; see /tmp/callintel-coldstart.log" >&2; return 1; }
    sleep 0.05
  done
  local t1; t1=$(date +%s.%N)
  local rss; rss=$(( $(ps -o rss= -p $pid) / 1024 ))
  kill $pid; wait $pid 2>/dev/null || true
  printf '%.1f s  %d MB\n' "$(echo "$t1 - $t0" | bc)" "$rss"
}

if [[ $JAR == sandbox ]]; then
  echo "sandbox hub:"
  for i in $(seq 1 "$RUNS"); do start bash bench/sandbox-hub.sh $OPTS "$@" "${ARGS[@]}"; done
  exit 0
fi
ARGS=(--callintel.mail.port=13025)
echo "plain java -jar:"
for i in $(seq 1 "$RUNS"); do start java $OPTS "$@" -jar "$JAR" "${ARGS[@]}"; done

if [[ ${CDS:-0} == 1 ]]; then
  X=$(mktemp -d); trap 'rm -rf "$X"' EXIT
  java -Djarmode=tools -jar "$JAR" extract --destination "$X/app" > /dev/null
  APP=$(ls "$X"/app/*.jar)
  # training run: starts the context, writes the archive, exits (spring.context.exit=onRefresh)
  PORT=$HUB_PORT CALLINTEL_MANAGEMENT_PORT=$MANAGEMENT_PORT java $OPTS "$@" -XX:ArchiveClassesAtExit="$X/app.jsa" \
      -Dspring.context.exit=onRefresh -jar "$APP" "${ARGS[@]}" > /tmp/callintel-coldstart-training.log 2>&1 || true
  echo "extracted jar with AppCDS ($(du -h "$X/app.jsa" | cut -f1) archive):"
  for i in $(seq 1 "$RUNS"); do start java $OPTS "$@" -XX:SharedArchiveFile="$X/app.jsa" -jar "$APP" "${ARGS[@]}"; done
fi
