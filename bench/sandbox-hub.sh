#!/bin/bash
# The hub with its sandbox (embedded PostgreSQL, demo agency, AMS simulators, SMTP mailbox) as a plain JVM, as the
# benchmarks run it: the production jar holds no sandbox. Any build writes the classpath it needs
# (./mvnw -q -DskipTests package, or test-compile: target/sandbox.classpath). Runs from the project folder.
# Usage: bash bench/sandbox-hub.sh [JVM options...] [--hub.setting=value...]
#   arguments starting with "--" go to the hub, the others to the JVM (-Xmx256m, -XX:..., -Dname=value)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEPENDENCIES=$ROOT/target/sandbox.classpath
[[ -f $DEPENDENCIES ]] || { echo "no $DEPENDENCIES: run ./mvnw -q -DskipTests package first" >&2; exit 2; }
JVM=(); HUB=()
for argument in "$@"; do
  if [[ $argument == --* ]]; then HUB+=("$argument"); else JVM+=("$argument"); fi
done
cd "$ROOT"
# two malloc arenas, as docker-compose.yml runs the hub's nodes (fewer arenas kept by a busy JVM: ~20 MB of RSS)
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
exec java "${JVM[@]}" -cp "target/test-classes:target/classes:$(cat "$DEPENDENCIES")" \
    com.callintel.hub.sandbox.SandboxHubApplication "${HUB[@]}"
