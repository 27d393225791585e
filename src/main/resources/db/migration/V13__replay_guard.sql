-- Replays after the hard maximum: when the purge deletes an event, a keyed hash of its de-duplication key
-- (HMAC-SHA256 with the hub key below; no call id, number or name can be read from it) stays here, so the same
-- webhook sent again is not stored as new. Kept until kept_until, then purged too.
create table replay_guard (
    org_id      uuid        not null references organization (id) on delete cascade,
    provider    text        not null,
    key_hash    bytea       not null,
    kept_until  timestamptz not null,
    primary key (org_id, provider, key_hash)
);
create index replay_guard_kept_until on replay_guard (kept_until);

-- Keys the hub makes for itself (one per purpose), sealed by the vault like every other secret.
create table hub_key (
    purpose     text        primary key,
    sealed      text        not null,
    created_at  timestamptz not null default now()
);

-- Every hub node keeps endpoint-key lookups in memory: tell them all when a provider account changes or goes
-- (also when an organization's erasure deletes its accounts by cascade), so none keeps admitting a dead key.
create function notify_provider_account() returns trigger language plpgsql as $$
begin
    perform pg_notify('callintel_provider_account', '');
    return null;
end $$;
create trigger provider_account_notify after insert or update or delete on provider_account
    for each statement execute function notify_provider_account();
