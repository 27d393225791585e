#!/bin/bash
# partitions.sh PGPORT [ROWS]: is partitioning inbound_event by time worth it for the 30-day hard maximum?
# Against an idle bench hub's embedded PostgreSQL (bench/sandbox-hub.sh with --callintel.processing.enabled=false;
# its port is in the log line "Embedded PostgreSQL started on port"), ROWS events (default 1,000,000) of the demo
# organization 31 days old with their payloads already purged, three ways: the hub's keyset delete with the replay
# guard it writes for each deleted event (PrivacyPurge.hardMaximum), the delete alone, and a partition per period:
# the same replay guards written from the partition, then the partition detached and dropped.
# Prints seconds and WAL of each. The seeded rows are removed again; the bench tables it creates are dropped.
set -euo pipefail
P=$1; ROWS=${2:-1000000}; cd "$(dirname "$0")/partitions"
run() { psql -h 127.0.0.1 -p "$P" -U postgres -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -f "$1" | grep -v '^Time:' | tail -4; }
echo "== delete with replay guard (the hub today)"; run seed.sql > /dev/null; run delete-with-guard.sql
echo "== delete alone";                             run seed.sql > /dev/null; run delete-only.sql
echo "== replay guard from a partition, then drop it"; run partition-drop.sql
psql -h 127.0.0.1 -p "$P" -U postgres -q -c "truncate replay_guard"
