#!/bin/bash
# jfr-at-rate.sh OUTDIR: a fresh bench hub at 500 webhooks/s (40 s warm-up, then 60 s) with a 30 s JFR recording
# in the middle of the second step (OUTDIR/after.jfr); read it with bench/jfr-where.py.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$1; D=/tmp/jfrdata; rm -rf $D; mkdir -p $OUT; cd $ROOT
(PORT=18080 CALLINTEL_MANAGEMENT_PORT=19090 nohup bash $ROOT/bench/sandbox-hub.sh -Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m --callintel.intake.rate-limit-capacity=100000 --callintel.intake.rate-limit-per-second=100000 --callintel.mail.port=13025 --callintel.db.embedded.data-dir=$D > $OUT/hub.log 2>&1 &)
for i in $(seq 150); do curl -sf http://127.0.0.1:19090/actuator/health >/dev/null && break; sleep 1; done
HUB=$(pgrep -f "data-dir=$D" | head -1)
BENCH_WARMUP_S=0 BENCH_RATES="500" BENCH_STEP_S=40 bash $ROOT/../shared/loadtest/intake-load.sh http://127.0.0.1:18080 demo-dialpad-4f9c2e dp_test_secret_5f2c9a > /dev/null 2>&1
( sleep 20; jcmd $HUB JFR.start name=a duration=30s settings=profile filename=$OUT/after.jfr > /dev/null ) &
BENCH_WARMUP_S=0 BENCH_RATES="500" BENCH_STEP_S=60 bash $ROOT/../shared/loadtest/intake-load.sh http://127.0.0.1:18080 demo-dialpad-4f9c2e dp_test_secret_5f2c9a 2>&1 | grep intake_step
sleep 5; kill $HUB; sleep 6
