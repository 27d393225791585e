#!/usr/bin/env bash
# The fuzz suite's bench version (issue 14 item 5): faults/FuzzedWebhookTest with 10,000 mutated, correctly
# signed webhooks per provider (60,000 for the six connectors) through a whole hub, from 4 threads. Prints the
# answers by status and by provider, and the stored events' end states. One core for ~15-30 minutes.
# Usage: bash bench/fuzz.sh [cases per provider]
set -euo pipefail
cd "$(dirname "$0")/.."
export MAVEN_ARGS="${MAVEN_ARGS:--B}"
./mvnw verify -Dtest=FuzzedWebhookTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcallintel.fuzz.cases-per-provider="${1:-10000}" -Dcallintel.fuzz.threads="${THREADS:-4}" 2>&1 | grep -E "fuzzed webhooks|Tests run|FAIL|ERROR" 
