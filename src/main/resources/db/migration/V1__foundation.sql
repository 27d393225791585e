-- Foundation schema: tenants, provider accounts, the durable intake queue and the canonical call/SMS records.
-- Every table carries org_id and every key starts with it, so the schema stays distributable by org (Citus).

create table organization (
    id              uuid primary key,
    name            text        not null,
    default_region  text        not null default 'US',              -- libphonenumber region for national numbers
    time_zone       text        not null default 'America/Chicago', -- the agency's own zone, for notes and reports
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

-- One account per organization and VoIP provider: where the provider posts and how it proves itself.
create table provider_account (
    org_id              uuid        not null references organization (id) on delete cascade,
    id                  uuid        not null,
    provider            text        not null,
    endpoint_key_hash   bytea       not null,   -- SHA-256 of the unguessable path key: lookups never need the key
    endpoint_key_enc    text        not null,   -- the key itself, AES-256-GCM, so an admin can be shown the URL again
    secret_enc          text        not null,   -- webhook secret / verification token, AES-256-GCM
    api_token_enc       text,                   -- token for the provider's API where a connector must fetch, AES-256-GCM
    enabled             boolean     not null default true,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    primary key (org_id, id)
);
create unique index provider_account_endpoint_key on provider_account (endpoint_key_hash);
create index provider_account_org_provider on provider_account (org_id, provider);

-- The durable work queue: a webhook is acknowledged only after its row is committed here.
create table inbound_event (
    org_id              uuid        not null references organization (id) on delete cascade,
    id                  bigserial   not null,
    provider_account_id uuid        not null,
    provider            text        not null,
    dedupe_key          text        not null,   -- provider + provider event/call id + event kind
    event_kind          text        not null,
    payload             jsonb       not null,   -- the verified provider JSON (for Dialpad: the JWT claims)
    status              text        not null default 'pending'
                        check (status in ('pending', 'processing', 'processed', 'ignored', 'failed')),
    attempts            int         not null default 0,
    lease_until         timestamptz,
    failure_reason      text,
    received_at         timestamptz not null default now(),
    processed_at        timestamptz,
    primary key (org_id, id),
    foreign key (org_id, provider_account_id) references provider_account (org_id, id) on delete cascade
);
create unique index inbound_event_dedupe on inbound_event (org_id, provider, dedupe_key);
create index inbound_event_ready on inbound_event (id) where status in ('pending', 'processing');

-- Wake every hub node's processor as soon as an event is committed (polling stays as the fallback).
create function notify_inbound_event() returns trigger language plpgsql as $$
begin
    perform pg_notify('callintel_inbound_event', '');
    return null;
end $$;
create trigger inbound_event_notify after insert on inbound_event
    for each statement execute function notify_inbound_event();

-- One row per call, merged from all of its provider events whatever their order (see CallLedger).
create table call (
    org_id              uuid        not null references organization (id) on delete cascade,
    id                  bigserial   not null,
    provider            text        not null,
    provider_call_id    text        not null,
    direction           text        check (direction in ('inbound', 'outbound')),
    from_number         text,       -- E.164
    to_number           text,       -- E.164
    external_number     text,       -- E.164 of the party outside the agency
    external_name       text,
    agent_id            text,       -- the provider's user id of the agent
    agent_name          text,
    agent_email         text,
    agent_extension     text,
    state               text        not null default 'ringing',
    state_rank          int         not null default 0,
    outcome_stated      text,       -- the strongest outcome any event stated (see CallOutcome ranks)
    outcome_rank        int         not null default 0,
    started_at          timestamptz,
    answered_at         timestamptz,
    ended_at            timestamptz,
    duration_stated     int,        -- talk time in seconds where the provider reported it
    -- Derived, never written: an ended call no event gave an outcome was answered if it has an answer time.
    outcome             text generated always as (coalesce(outcome_stated,
                            case when state_rank >= 3 then
                                case when answered_at is not null then 'answered' else 'missed' end end)) stored,
    -- Derived: the reported talk time, else answer-to-end, else 0 for a call nobody answered.
    duration_seconds    int generated always as (coalesce(duration_stated,
                            case when ended_at is not null and answered_at is not null
                                     then greatest(0, round(extract(epoch from (ended_at - answered_at))))::int
                                 when ended_at is not null and coalesce(outcome_stated, 'missed') <> 'answered'
                                     then 0 end)) stored,
    recording_url       text,       -- the provider's link only; audio is never fetched or stored
    transcript_url      text,       -- the provider's link to a transcript it has not sent as text
    transcript          text,
    summary             text,
    event_count         int         not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    primary key (org_id, id)
);
create unique index call_provider_call on call (org_id, provider, provider_call_id);
create index call_org_started on call (org_id, started_at desc);

create table sms_message (
    org_id              uuid        not null references organization (id) on delete cascade,
    id                  bigserial   not null,
    provider            text        not null,
    provider_message_id text        not null,
    direction           text        check (direction in ('inbound', 'outbound')),
    from_number         text,
    to_number           text,
    external_number     text,
    external_name       text,
    agent_id            text,
    agent_name          text,
    body                text,
    sent_at             timestamptz,
    created_at          timestamptz not null default now(),
    primary key (org_id, id)
);
create unique index sms_provider_message on sms_message (org_id, provider, provider_message_id);
create index sms_org_sent on sms_message (org_id, sent_at desc);
