#!/bin/bash
# Used as BENCH_BACKLOG_CMD (bench/README.md, "Throughput and overload"): prints the hub's callintel.processing.backlog
# gauge, read on the management port with an operator token of the sandbox's development issuer (cached; fetched
# again when the hub refuses it — expired, or signed by an earlier run's key).
# Ports: HUB_PORT (default 18080, the bench's hub) and MANAGEMENT_PORT (default 19090); the default run is 8080/9090.
HUB_PORT=${HUB_PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19090}
T=${TMPDIR:-/tmp}/callintel-bench-operator-$HUB_PORT.token
token() { curl -s -X POST "http://127.0.0.1:$HUB_PORT/dev/token?user=operator" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' > $T; }
read_gauge() { curl -s -f -H "Authorization: Bearer $(cat $T)" \
  "http://127.0.0.1:$MANAGEMENT_PORT/actuator/metrics/callintel.processing.backlog"; }
[[ -s $T ]] || token
answer=$(read_gauge) || { token; answer=$(read_gauge); }
python3 -c 'import json,sys; print(int(json.loads(sys.argv[1])["measurements"][0]["value"]))' "$answer"
