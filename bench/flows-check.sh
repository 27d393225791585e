#!/bin/bash
# After a load run (bench/README.md, "Throughput and overload"): do the other flows agree with what was stored?
# Reads the hub's database (HUB_PG_URL, as given to side-by-side.sh) for the demo organization:
#   events by status (nothing left pending/processing once drained, none failed),
#   calls stored vs analytics facts (analytics totals must equal the calls stored),
#   AMS syncs by status, and distinct AMS record ids vs synced jobs (one note per job, none shared),
#   screen pops vs ringing inbound calls that should have popped.
# Usage: HUB_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres bash bench/flows-check.sh
set -euo pipefail
: "${HUB_PG_URL:?set HUB_PG_URL to the hub database}"
q() { psql "$HUB_PG_URL" -At -F ' ' -c "$1"; }
ORG=$(q "select org_id from provider_account where endpoint_key_hash = sha256('demo-dialpad-4f9c2e'::bytea)")
[[ -n $ORG ]] || { echo "flows-check: demo organization not found" >&2; exit 1; }
echo "events by status:        $(q "select string_agg(status || '=' || n, ' ') from (select status, count(*) n from inbound_event where org_id = '$ORG' group by 1 order by 1) s")"
CALLS=$(q "select count(*) from call where org_id = '$ORG'")
FACTS=$(q "select count(*) from call_fact f join call c on c.org_id = f.org_id and c.provider = f.provider and c.provider_call_id = f.provider_call_id where c.org_id = '$ORG'")
STALE=$(q "select count(*) from call c left join call_fact f on c.org_id = f.org_id and c.provider = f.provider and c.provider_call_id = f.provider_call_id where c.org_id = '$ORG' and (f.org_id is null or f.source_version < c.event_count)")
echo "calls stored:            $CALLS"
echo "call facts (analytics):  $FACTS  (missing or stale: $STALE)"
echo "AMS syncs by status:     $(q "select string_agg(status || '=' || n, ' ') from (select status, count(*) n from ams_sync where org_id = '$ORG' group by 1 order by 1) s")"
echo "AMS notes:               $(q "select count(*) || ' synced jobs, ' || count(distinct ams_record_id) || ' distinct AMS records' from ams_sync where org_id = '$ORG' and status = 'synced'")"
echo "screen pops:             $(q "select count(distinct call_id) from screen_pop where org_id = '$ORG'") calls popped (pops are purged after 5 minutes)"
[[ $CALLS == "$FACTS" && $STALE == 0 ]] && echo "flows_check_analytics=1" || echo "flows_check_analytics=0"
