#!/bin/bash
# rss-at-rate.sh LABEL [VAR=value ...]: the bench hub (environment as given) at 1,000 webhooks/s for 60 s; prints
# its largest RSS during the load and its RSS 20 s after.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
L=$1; shift; D=/tmp/rssdata; rm -rf $D; cd $ROOT
(env "$@" PORT=18080 CALLINTEL_MANAGEMENT_PORT=19090 nohup bash $ROOT/bench/sandbox-hub.sh -Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m --callintel.intake.rate-limit-capacity=100000 --callintel.intake.rate-limit-per-second=100000 --callintel.mail.port=13025 --callintel.db.embedded.data-dir=$D > /tmp/rss-$L.log 2>&1 &)
for i in $(seq 150); do curl -sf http://127.0.0.1:19090/actuator/health >/dev/null && break; sleep 1; done
HUB=$(pgrep -f "data-dir=$D" | head -1); MAX=0
( BENCH_WARMUP_S=0 BENCH_RATES="1000" BENCH_STEP_S=60 bash $ROOT/../shared/loadtest/intake-load.sh http://127.0.0.1:18080 demo-dialpad-4f9c2e dp_test_secret_5f2c9a > /tmp/rss-$L.load 2>&1 ) &
LOAD=$!
while kill -0 $LOAD 2>/dev/null; do r=$(ps -o rss= -p $HUB); [ "${r:-0}" -gt $MAX ] && MAX=$r; sleep 1; done
sleep 20; END=$(ps -o rss= -p $HUB)
echo "$L rss_max_kb=$MAX rss_after_kb=$END $(grep intake_step /tmp/rss-$L.load | cut -c1-120)"
kill $HUB; sleep 6
