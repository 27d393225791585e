#!/bin/bash
# cpu-cost.sh DATADIR RATE SECONDS: fresh hub, warm-up, then the CPU seconds of the hub JVM and of its embedded
# PostgreSQL (postmaster and backends) per webhook over one step, until the backlog is drained.
# HUB_ARGS adds hub settings, e.g. HUB_ARGS=--callintel.processing.enabled=false for the ack path alone.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
D=$1; R=$2; S=$3; HZ=$(getconf CLK_TCK)
rm -rf $D; cd $ROOT
(PORT=18080 CALLINTEL_MANAGEMENT_PORT=19090 nohup bash $ROOT/bench/sandbox-hub.sh -Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m --callintel.intake.rate-limit-capacity=100000 --callintel.intake.rate-limit-per-second=100000 --callintel.mail.port=13025 --callintel.db.embedded.data-dir=$D ${HUB_ARGS:-} > /tmp/hub-cost.log 2>&1 &)
for i in $(seq 150); do curl -sf http://127.0.0.1:19090/actuator/health >/dev/null && break; sleep 1; done
HUB=$(pgrep -f "data-dir=$D" | head -1)
BENCH_WARMUP_S=0 BENCH_RATES="$R" BENCH_STEP_S=40 bash $ROOT/../shared/loadtest/intake-load.sh http://127.0.0.1:18080 demo-dialpad-4f9c2e dp_test_secret_5f2c9a > /dev/null 2>&1
sleep 10
PM=$(pgrep -f "bin/postgres -D $D" | head -1)
snap() { local j p; j=$(awk '{print $14+$15}' /proc/$HUB/stat); p=$(awk '{print $14+$15+$16+$17}' /proc/$PM/stat); for x in $(ps -o pid= --ppid $PM); do v=$(awk '{print $14+$15}' /proc/$x/stat 2>/dev/null); p=$((p+${v:-0})); done; echo "$j $p"; }
read J0 P0 < <(snap)
BENCH_WARMUP_S=0 BENCH_RATES="$R" BENCH_STEP_S=$S bash $ROOT/../shared/loadtest/intake-load.sh http://127.0.0.1:18080 demo-dialpad-4f9c2e dp_test_secret_5f2c9a 2>&1 | grep intake_step
for i in $(seq 30); do [ -n "${HUB_ARGS:-}" ] && break; b=$(HUB_PORT=18080 bash $ROOT/bench/backlog.sh 2>/dev/null); [ "$b" = 0 ] && break; sleep 1; done
sleep 3
read J1 P1 < <(snap)
N=$((R*S))
echo "events=$N hub_cpu_ms_per_event=$(echo "scale=2; ($J1-$J0)*1000/$HZ/$N" | bc) postgres_cpu_ms_per_event=$(echo "scale=2; ($P1-$P0)*1000/$HZ/$N" | bc)"
kill $HUB; sleep 8
