-- AMS sync: one job per call or SMS whose note must reach the organization's AMS, exactly once.
-- Retries are kept here (next_attempt_at), so they survive restarts and are shared by every hub node.

alter table ams_connection add column settings jsonb not null default '{}'::jsonb;  -- non-secret connector settings

create table ams_sync (
    org_id           uuid        not null references organization (id) on delete cascade,
    id               bigserial   not null,
    source_kind      text        not null check (source_kind in ('call', 'sms')),
    source_id        bigint      not null,   -- call.id or sms_message.id
    status           text        not null default 'pending'
                     check (status in ('pending', 'syncing', 'synced', 'unmatched', 'needs_choice', 'dead')),
    content_version  int         not null default 1,   -- bumped when the call gains content (transcript, summary…)
    synced_version   int         not null default 0,   -- the content version the AMS holds
    target_id        text,       -- the AMS client the note belongs to (one match, or an agent's or admin's pick)
    candidates       jsonb,      -- several matches, for the agent to choose from (lives only until the purge)
    ams_record_id    text,       -- the AMS's id of the activity/note written: updates and follow-ups go to it
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null default now(),
    lease_until      timestamptz,
    last_error       text,
    synced_at        timestamptz,            -- the privacy purge keys off this
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    primary key (org_id, id)
);
create unique index ams_sync_source on ams_sync (org_id, source_kind, source_id);
create index ams_sync_due on ams_sync (next_attempt_at) where status in ('pending', 'syncing');
