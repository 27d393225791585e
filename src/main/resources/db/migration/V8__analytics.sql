-- Analytics: one anonymized fact per call, SMS and AMS sync, re-derived from its record on every change (so a
-- redelivered or reordered event cannot count twice). Facts hold no phone number, contact name or text, so the
-- privacy purges leave them; they go with the organization (cascade) and are part of its export.

create table call_fact (
    org_id            uuid        not null references organization (id) on delete cascade,
    provider          text        not null,
    provider_call_id  text        not null,
    direction         text,                   -- inbound / outbound
    agent_id          text,                   -- the provider's user id of the agent (kept by the purge too)
    agent_extension   text,
    member_id         text,                   -- the mapped organization member, when the mapping knew the agent
    outcome           text,                   -- answered, voicemail, missed, rejected, busy, cancelled, failed; null while live
    started_at        timestamptz not null,
    answered_at       timestamptz,
    ended_at          timestamptz,
    talk_seconds      int,                    -- talk time of an answered call
    ring_seconds      int,                    -- ring-to-answer time of an answered call
    source_version    int         not null,   -- the call row's event_count it was derived from: never go back
    updated_at        timestamptz not null default now(),
    primary key (org_id, provider, provider_call_id)
);
create index call_fact_org_started on call_fact (org_id, started_at);

create table sms_fact (
    org_id               uuid        not null references organization (id) on delete cascade,
    provider             text        not null,
    provider_message_id  text        not null,
    direction            text,
    agent_id             text,
    member_id            text,
    sent_at              timestamptz not null,
    primary key (org_id, provider, provider_message_id)
);
create index sms_fact_org_sent on sms_fact (org_id, sent_at);

-- The latest outcome of each AMS sync: synced, unmatched, needs_choice, dead, or pending (a retry is due).
create table ams_sync_fact (
    org_id      uuid        not null references organization (id) on delete cascade,
    sync_id     bigint      not null,
    source_kind text        not null,
    status      text        not null,
    attempts    int         not null,
    settled_at  timestamptz not null,     -- when the sync last changed
    primary key (org_id, sync_id)
);
create index ams_sync_fact_org_settled on ams_sync_fact (org_id, settled_at);
