#!/bin/bash
# The production shape on one machine, from Debian packages (postgresql, pgbouncer, haproxy) and the built jar:
#   PostgreSQL  <- PgBouncer (transaction mode) <- three hub nodes (prod profile) <- HAProxy
# plus the development identity provider, a GreenMail mailbox and the Applied Epic simulator (the test organization's
# AMS) as small processes of their own (test classpath). The nodes reach the simulator because the operator setting
# callintel.egress.trusted-targets names its exact host and port; the egress policy stays as in production.
# The nodes use the pooled URL (PgBouncer) for ordinary work and the direct URL for LISTEN and Flyway
# (docs/operations.md, "Two connection kinds").
# Build first: ./mvnw -o -q package -DskipTests   (the jar, and target/sandbox.classpath for the helpers)
# CALLINTEL_CLUSTER_PURGE_CRON (a Quartz cron, e.g. "0 * * * * ?") replaces both privacy purge schedules of the nodes.
# Usage: ops/local-cluster.sh up|status|logs [name]|down
#        ops/local-cluster.sh stop-node|kill-node|start-node <n>|restart-pooler|restart-ams   (bench/cluster-check.py uses these)
# Everything lives under $CALLINTEL_CLUSTER_DIR (default target/local-cluster); down leaves nothing running.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${CALLINTEL_CLUSTER_DIR:-$ROOT/target/local-cluster}
JAR=$ROOT/target/callintel-hub-0.1.0-SNAPSHOT.jar
PG_BIN=${CALLINTEL_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_PORT=${CALLINTEL_CLUSTER_PG_PORT:-55432}        # PostgreSQL, the direct URL
POOLER_PORT=${CALLINTEL_CLUSTER_POOLER_PORT:-56432} # PgBouncer, the pooled URL
LB_PORT=${CALLINTEL_CLUSTER_PORT:-18443}           # HAProxy: the public https address of the hubs (self-signed)
IDP_PORT=${CALLINTEL_CLUSTER_IDP_PORT:-18090}      # development identity provider
SMTP_PORT=${CALLINTEL_CLUSTER_SMTP_PORT:-13025}    # GreenMail SMTP (IMAP on SMTP_PORT+118)
AMS_PORT=${CALLINTEL_CLUSTER_AMS_PORT:-18070}      # Applied Epic simulator, the nodes' one trusted target
PURGE_CRON=${CALLINTEL_CLUSTER_PURGE_CRON:-}
NODES=${CALLINTEL_CLUSTER_NODES:-3}
NODE_HEAP=${CALLINTEL_CLUSTER_NODE_HEAP:-256m}
DB=callintel
DB_USER=callintel

node_port() { echo $((18080 + $1)); }        # node n serves webhooks and the API on 1808n
node_management_port() { echo $((19090 + $1)); }

# PostgreSQL and PgBouncer refuse to run as root: as root, they run as the postgres user the package created.
as_db_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pid_alive() { [[ -f $1 ]] && kill -0 "$(head -1 "$1")" 2>/dev/null; }

wait_for() { # description, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq "$seconds"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "$what did not come up in ${seconds}s (ops/local-cluster.sh logs)" >&2; return 1
}

secret() { # name: generated once, kept in the cluster folder
  local file=$DIR/secrets/$1
  [[ -f $file ]] || { mkdir -p "$DIR/secrets"; chmod 700 "$DIR/secrets"; openssl rand -base64 32 | tr -d '\n' >"$file"; }
  cat "$file"
}

start_postgres() {
  mkdir -p "$DIR/pg" "$DIR/logs"
  [[ $(id -u) == 0 ]] && chown postgres "$DIR/pg" "$DIR/logs" && chmod 755 "$DIR" && chmod o+x "$ROOT/target"
  if [[ ! -f $DIR/pg/data/PG_VERSION ]]; then
    local pwfile=$DIR/pg/pwfile
    secret db-password >"$pwfile"; [[ $(id -u) == 0 ]] && chown postgres "$pwfile"
    as_db_owner "$PG_BIN/initdb" -D "$DIR/pg/data" -U "$DB_USER" --pwfile="$pwfile" --auth=scram-sha-256 >"$DIR/logs/initdb.log"
    rm -f "$pwfile"
  fi
  as_db_owner "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -l "$DIR/logs/postgres.log" -w start -o \
    "-p $PG_PORT -k $DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=256MB" >/dev/null
  PGPASSWORD=$(secret db-password) "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres -tAc \
    "select 1 from pg_database where datname = '$DB'" | grep -q 1 ||
    PGPASSWORD=$(secret db-password) "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" "$DB"
}

start_pooler() {
  mkdir -p "$DIR/pgbouncer"
  printf '"%s" "%s"\n' "$DB_USER" "$(secret db-password)" >"$DIR/pgbouncer/userlist.txt"
  cat >"$DIR/pgbouncer/pgbouncer.ini" <<EOF
[databases]
$DB = host=127.0.0.1 port=$PG_PORT dbname=$DB
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $POOLER_PORT
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $DIR/pgbouncer/userlist.txt
pool_mode = transaction
; server connections per database/user: the nodes' pools (3 x 10) share these
default_pool_size = 20
max_client_conn = 200
; pgjdbc sends it at start-up; PgBouncer 1.18 refuses unknown start-up parameters
ignore_startup_parameters = extra_float_digits
logfile = $DIR/logs/pgbouncer.log
pidfile = $DIR/pgbouncer/pgbouncer.pid
EOF
  if [[ $(id -u) == 0 ]]; then chown -R postgres "$DIR/pgbouncer"; chmod 600 "$DIR/pgbouncer/userlist.txt"; fi
  as_db_owner /usr/sbin/pgbouncer -d "$DIR/pgbouncer/pgbouncer.ini"
  wait_for PgBouncer 10 pid_alive "$DIR/pgbouncer/pgbouncer.pid"
}

helper_classpath() {
  [[ -f $ROOT/target/sandbox.classpath ]] || { echo "no target/sandbox.classpath: ./mvnw -o -q package -DskipTests" >&2; exit 2; }
  echo "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/sandbox.classpath")"
}

start_helper() { # name, main class, args...
  local name=$1 main=$2; shift 2
  pid_alive "$DIR/$name.pid" && return 0
  (cd "$ROOT" && exec java -Xmx128m -XX:+UseSerialGC -cp "$(helper_classpath)" "$main" "$@" \
    >"$DIR/logs/$name.log" 2>&1) &
  echo $! >"$DIR/$name.pid"
}

start_ams() {
  start_helper ams com.callintel.hub.sandbox.AmsSimulatorServer "$AMS_PORT"
  wait_for "the AMS simulator" 60 curl -s -o /dev/null "http://127.0.0.1:$AMS_PORT/"
}

start_node() {
  local n=$1 port purge_schedule=(); port=$(node_port "$1")
  pid_alive "$DIR/node$n.pid" && return 0
  [[ -n $PURGE_CRON ]] && purge_schedule=(--callintel.privacy.after-sync-cron="$PURGE_CRON" --callintel.privacy.hard-maximum-cron="$PURGE_CRON")
  (cd "$ROOT" && exec env \
      MALLOC_ARENA_MAX=2 \
      CALLINTEL_DB_URL="jdbc:postgresql://127.0.0.1:$POOLER_PORT/$DB" \
      CALLINTEL_DB_DIRECT_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" \
      CALLINTEL_DB_USER=$DB_USER CALLINTEL_DB_PASSWORD="$(secret db-password)" \
      CALLINTEL_VAULT_ACTIVE_KEY_ID=k1 CALLINTEL_VAULT_KEYS_K1="$(secret vault-k1)" \
      CALLINTEL_PUBLIC_BASE_URL="https://127.0.0.1:$LB_PORT" \
      CALLINTEL_JWT_ISSUER="http://127.0.0.1:$IDP_PORT/dev" \
      CALLINTEL_JWKS_URI="http://127.0.0.1:$IDP_PORT/dev/.well-known/jwks.json" \
      CALLINTEL_SUPPORT_INBOX=support@callintel.test \
      CALLINTEL_SMTP_HOST=127.0.0.1 CALLINTEL_SMTP_PORT=$SMTP_PORT \
      CALLINTEL_MANAGEMENT_PORT="$(node_management_port "$n")" \
      CALLINTEL_METRICS_SCRAPE_PASSWORD="$(secret metrics-scrape)" \
      java -Xmx"$NODE_HEAP" -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m \
      -jar "$JAR" --spring.profiles.active=prod --server.port="$port" \
      --callintel.egress.trusted-targets="http://127.0.0.1:$AMS_PORT" ${purge_schedule[@]+"${purge_schedule[@]}"} >"$DIR/logs/node$n.log" 2>&1) &
  echo $! >"$DIR/node$n.pid"
}

node_healthy() { curl -fsS "http://127.0.0.1:$(node_management_port "$1")/actuator/health" 2>/dev/null | grep -q '"UP"'; }

balancer_serves() { [[ $(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$LB_PORT/") =~ ^[234] ]]; }

wait_for_node() {
  for _ in $(seq 300); do
    node_healthy "$1" && return 0
    pid_alive "$DIR/node$1.pid" || { echo "node $1 stopped while starting:" >&2; grep -m3 -E 'Caused by|ERROR' "$DIR/logs/node$1.log" | tail -1 >&2; return 1; }
    sleep 1
  done
  echo "node $1 not healthy after 300s (ops/local-cluster.sh logs node$1)" >&2; return 1
}

balancer_certificate() { # self-signed, for 127.0.0.1: TLS ends at the balancer as in production
  local pem=$DIR/tls/balancer.pem
  [[ -f $pem ]] && { echo "$pem"; return; }
  mkdir -p "$DIR/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$DIR/tls/key.pem" -out "$DIR/tls/cert.pem" 2>/dev/null
  cat "$DIR/tls/cert.pem" "$DIR/tls/key.pem" >"$pem"
  echo "$pem"
}

start_balancer() {
  { cat <<EOF
global
  maxconn 2000
  pidfile $DIR/haproxy.pid
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout tunnel 1h
  option redispatch
  retries 2
frontend hubs
  bind 127.0.0.1:$LB_PORT ssl crt $(balancer_certificate)
  http-request set-header X-Forwarded-Proto https
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /actuator/health
EOF
    for n in $(seq "$NODES"); do
      echo "  server node$n 127.0.0.1:$(node_port "$n") check port $(node_management_port "$n") inter 1s fall 2 rise 2"
    done; } >"$DIR/haproxy.cfg"
  haproxy -c -q -f "$DIR/haproxy.cfg"
  haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid" 2>>"$DIR/logs/haproxy.log"
}

up() {
  [[ -f $JAR ]] || { echo "no $JAR: ./mvnw -o -q package -DskipTests" >&2; exit 2; }
  command -v haproxy >/dev/null || { echo "haproxy missing: apt-get install -y haproxy" >&2; exit 2; }
  [[ -x /usr/sbin/pgbouncer ]] || { echo "pgbouncer missing: apt-get install -y pgbouncer" >&2; exit 2; }
  [[ -x $PG_BIN/initdb ]] || { echo "PostgreSQL binaries missing: apt-get install -y postgresql" >&2; exit 2; }
  mkdir -p "$DIR/logs"
  pid_alive "$DIR/pg/data/postmaster.pid" || start_postgres
  pid_alive "$DIR/pgbouncer/pgbouncer.pid" || start_pooler
  # the demo users, and an agent of new-admin's agency (bench/cluster-check.py: a pop to an agent on another node)
  start_helper idp com.callintel.hub.access.DevIdentityProviderServer --server.port="$IDP_PORT" \
    --callintel.access.issuer="http://127.0.0.1:$IDP_PORT/dev" \
    --callintel.access.dev-issuer.users.cluster-agent.subject=user_cluster_agent \
    --callintel.access.dev-issuer.users.cluster-agent.email=agent@new-agency.test \
    --callintel.access.dev-issuer.users.cluster-agent.role=org:member \
    --callintel.access.dev-issuer.users.cluster-agent.org-id=org_2NewAgencyDemo
  start_helper mail com.callintel.hub.sandbox.MailboxServer "$SMTP_PORT" $((SMTP_PORT + 118))
  start_ams
  wait_for "identity provider" 120 curl -fsS "http://127.0.0.1:$IDP_PORT/dev/.well-known/jwks.json"
  # the first node migrates the schema alone; the others start once it is healthy
  start_node 1
  wait_for_node 1
  for n in $(seq 2 "$NODES"); do start_node "$n"; done
  for n in $(seq 2 "$NODES"); do wait_for_node "$n"; done
  pid_alive "$DIR/haproxy.pid" || start_balancer
  wait_for "the balancer" 30 balancer_serves
  status
}

status() {
  printf '%-10s %s\n' postgres "$(pid_alive "$DIR/pg/data/postmaster.pid" && echo "up :$PG_PORT (direct URL)" || echo down)"
  printf '%-10s %s\n' pgbouncer "$(pid_alive "$DIR/pgbouncer/pgbouncer.pid" && echo "up :$POOLER_PORT (pooled URL, transaction mode)" || echo down)"
  printf '%-10s %s\n' idp "$(pid_alive "$DIR/idp.pid" && echo "up http://127.0.0.1:$IDP_PORT/dev" || echo down)"
  printf '%-10s %s\n' ams "$(pid_alive "$DIR/ams.pid" && echo "up http://127.0.0.1:$AMS_PORT (Applied Epic simulator)" || echo down)"
  printf '%-10s %s\n' mail "$(pid_alive "$DIR/mail.pid" && echo "up smtp :$SMTP_PORT imap :$((SMTP_PORT + 118))" || echo down)"
  for n in $(seq "$NODES"); do
    local state=down
    if pid_alive "$DIR/node$n.pid"; then node_healthy "$n" && state=healthy || state=starting; fi
    printf '%-10s %s\n' "node$n" "$state :$(node_port "$n") (management :$(node_management_port "$n"))"
  done
  printf '%-10s %s\n' haproxy "$(pid_alive "$DIR/haproxy.pid" && echo "up https://127.0.0.1:$LB_PORT" || echo down)"
}

logs() {
  if [[ -n ${1:-} ]]; then tail -n 100 -f "$DIR/logs/$1.log"; else tail -n 5 "$DIR"/logs/*.log; fi
}

stop_pid() { # pid file: TERM, then KILL after 30 s
  local file=$1 pid
  pid_alive "$file" || { rm -f "$file"; return 0; }
  pid=$(cat "$file"); kill "$pid"
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || { rm -f "$file"; return 0; }; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true; rm -f "$file"
}

down() {
  stop_pid "$DIR/haproxy.pid"
  for n in $(seq "$NODES"); do stop_pid "$DIR/node$n.pid"; done
  stop_pid "$DIR/idp.pid"
  stop_pid "$DIR/mail.pid"
  stop_pid "$DIR/ams.pid"
  stop_pid "$DIR/pgbouncer/pgbouncer.pid"
  if pid_alive "$DIR/pg/data/postmaster.pid"; then
    as_db_owner "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -m fast -w stop >/dev/null
  fi
  status
}

case ${1:-} in
  up) up ;;
  status) status ;;
  logs) logs "${2:-}" ;;
  down) down ;;
  stop-node) stop_pid "$DIR/node$2.pid" ;;
  kill-node) kill -9 "$(cat "$DIR/node$2.pid")" && rm -f "$DIR/node$2.pid" ;;
  start-node) start_node "$2" && wait_for_node "$2" ;;
  restart-pooler) stop_pid "$DIR/pgbouncer/pgbouncer.pid" && start_pooler ;;
  restart-ams) stop_pid "$DIR/ams.pid" && start_ams ;;   # a fresh simulator: empty records, the nodes' tokens unknown
  *) echo "usage: $0 up|status|logs [postgres|pgbouncer|idp|mail|ams|nodeN|haproxy]|down|stop-node N|kill-node N|start-node N|restart-pooler|restart-ams" >&2; exit 2 ;;
esac
