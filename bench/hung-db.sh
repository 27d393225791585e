#!/bin/bash
# Stops the hub's embedded PostgreSQL (all its processes, SIGSTOP), times webhooks, resumes it, times again.
# Usage: bash bench/hung-db.sh <postmaster pid of the hub's PostgreSQL>  (hub on 18080, sandbox GoTo demo endpoint)
# $1 = postmaster pid
PM=$1; PIDS="$PM $(pgrep -P $PM | tr '\n' ' ')"
URL=http://127.0.0.1:18080/webhooks/goto/t_9c2f4e7a1b6d8e03a5f1
send() { curl -s -o ${TMPDIR:-/tmp}/callintel-hung-body.txt -m 10 -w "%{http_code} %{time_total}s retry-after=%header{retry-after}\n" -H 'Content-Type: application/json' \
  --data "{\"source\":\"messaging\",\"content\":{\"id\":\"hung-$1\",\"direction\":\"IN\"}}" $URL; }
echo "warm:"; send warm-$RANDOM
kill -STOP $PIDS; echo "postgres stopped ($PIDS) at $(date +%T.%N)"
for i in $(seq 1 12); do send stopped-$RANDOM-$i & done; wait
echo "sequential while stopped:"; for i in 1 2 3; do send seq-$RANDOM-$i; done
cat ${TMPDIR:-/tmp}/callintel-hung-body.txt; echo
kill -CONT $PIDS; echo "postgres resumed at $(date +%T.%N)"
sleep 1; echo "after resume:"; for i in 1 2 3; do send after-$RANDOM-$i; done
