#!/usr/bin/env bash
# The fault suite's long versions (issue 14 item 4): the CI tests (src/test/java/com/callintel/hub/faults/*IT)
# with the configured leases, AMS retry spacing and breaker pause instead of CI's compressed ones, the AMS down
# 10 minutes, and more webhooks around each fault. Each hub is the sandbox hub, a separate OS process.
# Figures: target/fault-suite/figures.txt; hub logs beside it. Both cores for ~20 minutes: not on a busy machine.
# Usage: bash bench/faults.sh ['SharedDatabaseFaultsIT#amsDown*' | HubKilledIT | ...]   (default: every case)
set -euo pipefail
cd "$(dirname "$0")/.."
export MAVEN_ARGS="${MAVEN_ARGS:--B}"
./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="${1:-HubKilledIT,SharedDatabaseFaultsIT}" \
  -Dcallintel.faults.real-timings=true \
  -Dcallintel.faults.ams-down-seconds="${AMS_DOWN_SECONDS:-600}" \
  -Dcallintel.faults.database-down-seconds="${DATABASE_DOWN_SECONDS:-30}" \
  -Dcallintel.faults.acked-around-fault="${ACKED_AROUND_FAULT:-1500}" \
  -Dcallintel.faults.rate="${RATE:-40}" -Dcallintel.faults.threads="${THREADS:-8}"
