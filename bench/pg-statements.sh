#!/bin/bash
# pg-statements.sh DATADIR: the bench hub with pg_stat_statements preloaded in its embedded PostgreSQL; warm-up,
# then 200 webhooks/s for 30 s with the statistics reset between; prints the top statements, WAL and table counters.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
D=$1
start() { (cd $ROOT && PORT=18080 CALLINTEL_MANAGEMENT_PORT=19090 nohup bash $ROOT/bench/sandbox-hub.sh -Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m --callintel.intake.rate-limit-capacity=100000 --callintel.intake.rate-limit-per-second=100000 --callintel.mail.port=13025 --callintel.db.embedded.data-dir=$D > /tmp/hub-pgss.log 2>&1 &); for i in $(seq 150); do curl -sf http://127.0.0.1:19090/actuator/health >/dev/null && break; sleep 1; done; P=$(ps -eo args | grep "bin/postgres -D $D" | grep -v grep | grep -o "\-p [0-9]*" | cut -c4-); }
rm -rf $D; start
psql -qAt -h 127.0.0.1 -p $P -U postgres -d postgres -c "alter system set shared_preload_libraries = 'pg_stat_statements'"
pkill -f "data-dir=$D"; sleep 8; start
psql -qAt -h 127.0.0.1 -p $P -U postgres -d postgres -c "create extension if not exists pg_stat_statements"
BENCH_WARMUP_S=0 BENCH_RATES="200" BENCH_STEP_S=40 bash $ROOT/../shared/loadtest/intake-load.sh http://127.0.0.1:18080 demo-dialpad-4f9c2e dp_test_secret_5f2c9a > /dev/null 2>&1
sleep 10
psql -qAt -h 127.0.0.1 -p $P -U postgres -d postgres -c "select pg_stat_statements_reset()" > /dev/null
BENCH_WARMUP_S=0 BENCH_RATES="200" BENCH_STEP_S=30 bash $ROOT/../shared/loadtest/intake-load.sh http://127.0.0.1:18080 demo-dialpad-4f9c2e dp_test_secret_5f2c9a 2>&1 | grep intake_step
sleep 10
psql -h 127.0.0.1 -p $P -U postgres -d postgres -c "select sum(calls) calls, round(sum(total_exec_time)::numeric) ms, sum(wal_records) wal_records, round(sum(wal_bytes)/1048576) wal_mb, sum(shared_blks_hit+shared_blks_read) blks from pg_stat_statements" -c "select calls, round(total_exec_time::numeric,0) ms, rows, wal_records walr, round(wal_bytes/1024) walkb, left(regexp_replace(query,'\s+',' ','g'),90) q from pg_stat_statements order by total_exec_time desc limit 16"
psql -h 127.0.0.1 -p $P -U postgres -d postgres -c "select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, pg_size_pretty(pg_total_relation_size(relid)) from pg_stat_user_tables where n_tup_ins+n_tup_upd > 100 order by n_tup_ins+n_tup_upd desc" -c "select avg(pg_column_size(payload)) payload_bytes, avg(pg_column_size(e.*)) row_bytes from inbound_event e" -c "show server_version"
pkill -f "data-dir=$D"; sleep 8
