#!/bin/bash
# CPU the hub JVM spends per webhook (its process tree; the embedded PostgreSQL is detached by pg_ctl and not in it), from
# before the load until processing, AMS syncs and analytics are done with it, divided by the webhooks acknowledged.
# A figure of efficiency that holds on a shared machine, where rates and latencies do not (bench/README.md).
# Usage: bash bench/cpu-per-event.sh <hub pid> <rate/s> <seconds>   (the hub on HUB_PORT 18080, bench command above)
set -euo pipefail
PID=$1; RATE=$2; SECONDS_=$3
HUB_PORT=${HUB_PORT:-18080}
HERE=$(cd "$(dirname "$0")" && pwd)
tree_cpu() {   # clock ticks of user+system time of the process and all its descendants, alive now
  python3 - "$1" <<'PY'
import os, sys
root = int(sys.argv[1]); children = {}
for p in os.listdir('/proc'):
    if p.isdigit():
        try:
            f = open(f'/proc/{p}/stat').read(); rest = f[f.rindex(')') + 2:].split()
            children.setdefault(int(rest[1]), []).append((int(p), int(rest[11]) + int(rest[12]) + int(rest[13]) + int(rest[14])))
        except OSError:
            pass
def total(pid):
    f = open(f'/proc/{pid}/stat').read(); rest = f[f.rindex(')') + 2:].split()
    t = int(rest[11]) + int(rest[12]) + int(rest[13]) + int(rest[14])
    return t + sum(total(c) for c, _ in children.get(pid, []))
print(total(root))
PY
}
TICK=$(getconf CLK_TCK)
settle() {   # until the hub tree spends under 10 % of one core for 3 s (processing, AMS sync, analytics done)
  local a b
  for i in $(seq 1 100); do
    a=$(tree_cpu "$PID"); sleep 3; b=$(tree_cpu "$PID")
    (( (b - a) * 100 / TICK / 3 < 10 )) && return 0
  done
}
# warm-up (JIT, pools), not measured
BENCH_WARMUP_S=0 BENCH_RATES="$RATE" BENCH_STEP_S=10 BENCH_SKIP_PREFLIGHT=1 \
  bash "$HERE/../../shared/loadtest/intake-load.sh" "http://127.0.0.1:$HUB_PORT" demo-dialpad-4f9c2e dp_test_secret_5f2c9a >/dev/null 2>&1
settle
BEFORE=$(tree_cpu "$PID")
OUT=$(BENCH_WARMUP_S=0 BENCH_RATES="$RATE" BENCH_STEP_S="$SECONDS_" BENCH_SKIP_PREFLIGHT=1 \
      bash "$HERE/../../shared/loadtest/intake-load.sh" "http://127.0.0.1:$HUB_PORT" demo-dialpad-4f9c2e dp_test_secret_5f2c9a 2>&1)
ACKED=$(echo "$OUT" | grep -o 'codes=[^ ]*' | grep -o '200:[0-9]*' | cut -d: -f2 | paste -sd+ | bc)
settle
AFTER=$(tree_cpu "$PID")
echo "$OUT" | grep '^intake_step'
echo "cpu_per_event acked=$ACKED cpu_s=$(echo "scale=1; ($AFTER-$BEFORE)/$TICK" | bc) us_per_event=$(echo "($AFTER-$BEFORE)*1000000/$TICK/$ACKED" | bc)"
