#!/bin/bash
# Used as BENCH_BACKLOG_CMD (bench/README.md, "Throughput and overload"). Hub on 18080, management port 19090.
# prints the hub's callintel.processing.backlog gauge (operator token from the sandbox's development issuer, cached)
T=${TMPDIR:-/tmp}/callintel-bench-operator.token
[[ -s $T ]] || curl -s -X POST 'http://127.0.0.1:18080/dev/token?user=operator' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' > $T
curl -s -H "Authorization: Bearer $(cat $T)" http://127.0.0.1:19090/actuator/metrics/callintel.processing.backlog \
  | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["measurements"][0]["value"]))'
