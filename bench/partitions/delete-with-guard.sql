\timing on
truncate replay_guard;
checkpoint;
select pg_current_wal_lsn() as lsn0 \gset
select clock_timestamp() as t0 \gset
do $$
declare
  after_org uuid := '00000000-0000-0000-0000-000000000000';
  after_id bigint := 0;
  n int; last_org uuid; last_id bigint; total bigint := 0;
  pad1 bytea := decode(repeat('36', 64), 'hex'); pad2 bytea := decode(repeat('5c', 64), 'hex');
begin
  loop
    set local synchronous_commit = off;
    with batch as (
        select org_id, id from inbound_event where received_at < now() - interval '30 days' and (org_id, id) > (after_org, after_id)
        order by org_id, id limit 500 for update skip locked),
    done as (
        delete from inbound_event t using batch where t.org_id = batch.org_id and t.id = batch.id
        returning t.org_id, t.provider, t.dedupe_key),
    guarded as (
        insert into replay_guard (org_id, provider, key_hash, kept_until)
        select org_id, provider, sha256(pad2 || sha256(pad1 || convert_to(dedupe_key, 'UTF8'))), now() + interval '60 days'
        from done
        on conflict (org_id, provider, key_hash) do update set kept_until = excluded.kept_until)
    select (select count(*) from batch), (select org_id from batch order by org_id desc, id desc limit 1),
           (select id from batch order by org_id desc, id desc limit 1) into n, last_org, last_id;
    total := total + n;
    commit;
    exit when n < 500;
    after_org := last_org; after_id := last_id;
  end loop;
  raise notice 'deleted %', total;
end $$;
select extract(epoch from clock_timestamp() - :'t0') as seconds,
       pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), :'lsn0')) as wal, (select count(*) from replay_guard) as guards;
