\timing on
select o.id as org, a.id as acct from organization o join provider_account a on a.org_id = o.id and a.provider = 'dialpad' limit 1 \gset
truncate replay_guard;
create table ie_part (like inbound_event including defaults including constraints) partition by range (received_at);
create table ie_part_old partition of ie_part for values from (now() - interval '33 days') to (now() - interval '30 days');
alter table ie_part_old set (fillfactor = 50);
alter table ie_part add primary key (org_id, id, received_at);
create index on ie_part (org_id, provider, dedupe_key);
insert into ie_part (org_id, provider_account_id, provider, dedupe_key, event_kind, payload, status, received_at, processed_at, payload_purged_at)
select :'org', :'acct', 'dialpad', 'call:' || md5(g::text) || ':hangup', 'call', '{}'::jsonb, 'processed',
       now() - interval '31 days' - (g % 86400) * interval '1 second', now() - interval '31 days', now() - interval '30 days'
from generate_series(1, :rows) g;
vacuum analyze ie_part;
checkpoint;
select pg_current_wal_lsn() as lsn0 \gset
select clock_timestamp() as t0 \gset
set synchronous_commit = off;
insert into replay_guard (org_id, provider, key_hash, kept_until)
select org_id, provider, sha256(decode(repeat('5c', 64), 'hex') || sha256(decode(repeat('36', 64), 'hex') || convert_to(dedupe_key, 'UTF8'))), now() + interval '60 days'
from ie_part_old
on conflict (org_id, provider, key_hash) do update set kept_until = excluded.kept_until;
select extract(epoch from clock_timestamp() - :'t0') as guard_seconds, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), :'lsn0')) as guard_wal \gset
select clock_timestamp() as t1 \gset
alter table ie_part detach partition ie_part_old;
drop table ie_part_old;
select :'guard_seconds' as guard_seconds, :'guard_wal' as guard_wal, extract(epoch from clock_timestamp() - :'t1') as drop_seconds,
       pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), :'lsn0')) as total_wal, (select count(*) from replay_guard) as guards;
drop table ie_part;
