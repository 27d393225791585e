-- Transcripts a provider sends as a link (Zoom's transcript_download_url): one fetch per call, queued in the call's
-- own upsert, leased by a node, retried with backoff; the link itself stays on the call (call.transcript_url).

create table transcript_fetch (
    org_id           uuid        not null references organization (id) on delete cascade,
    id               bigserial   not null,
    call_id          bigint      not null,
    status           text        not null default 'pending'
                     check (status in ('pending', 'fetching', 'done', 'skipped', 'dead')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_status      int,                   -- the link's last HTTP answer (0: none, the network failed)
    last_error       text,                  -- a phrase of the hub's, never the transcript's text
    fetched_chars    int,
    created_at       timestamptz not null default now(),
    fetched_at       timestamptz,
    primary key (org_id, id),
    foreign key (org_id, call_id) references call (org_id, id) on delete cascade
);
create unique index transcript_fetch_call on transcript_fetch (org_id, call_id);
create index transcript_fetch_due on transcript_fetch (next_attempt_at) where status in ('pending', 'fetching');
