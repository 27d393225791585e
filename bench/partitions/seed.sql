\timing on
select o.id as org, a.id as acct from organization o join provider_account a on a.org_id = o.id and a.provider = 'dialpad' limit 1 \gset
insert into inbound_event (org_id, provider_account_id, provider, dedupe_key, event_kind, payload, status, received_at, processed_at, payload_purged_at)
select :'org', :'acct', 'dialpad', 'call:' || md5(g::text) || ':hangup', 'call', '{}'::jsonb, 'processed',
       now() - interval '31 days' - (g % 86400) * interval '1 second', now() - interval '31 days', now() - interval '30 days'
from generate_series(1, :rows) g;
vacuum analyze inbound_event;
select pg_size_pretty(pg_total_relation_size('inbound_event')) as size, count(*) from inbound_event;
