-- AI call intelligence (issue 19): each organization's switch and sealed Anthropic key, one analysis per call and
-- transcript version, and the tokens each organization spent per day against its budget.

create table ai_setting (
    org_id          uuid        primary key references organization (id) on delete cascade,
    enabled         boolean     not null default false,
    api_key_sealed  text,                   -- sealed by the vault, context "ai_setting:<org>:api_key"
    key_refused_at  timestamptz,            -- the API answered 401/403 to this key: no analysis until it changes
    updated_at      timestamptz not null default now()
);

create table call_analysis (
    org_id           uuid        not null references organization (id) on delete cascade,
    id               bigserial   not null,
    call_id          bigint      not null,
    transcript_md5   text        not null,  -- the transcript version analysed: one analysis per version
    status           text        not null default 'pending'
                     check (status in ('pending', 'analysing', 'done', 'superseded', 'dead')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,                  -- a phrase of the hub's, never the call's text
    summary          text,                  -- the texts are purged with the transcript
    actions          jsonb,
    intent           text        check (intent in ('new_quote', 'policy_change', 'claim', 'billing_payment',
                                                   'renewal', 'certificate_request', 'cancellation', 'other')),
    sentiment        text        check (sentiment in ('positive', 'neutral', 'negative')),
    analysed_chars   int,                   -- of transcript_chars: fewer when the transcript was cut
    transcript_chars int,
    model            text,
    input_tokens     int,
    output_tokens    int,
    created_at       timestamptz not null default now(),
    analysed_at      timestamptz,
    purged_at        timestamptz,
    primary key (org_id, id),
    foreign key (org_id, call_id) references call (org_id, id) on delete cascade
);
create unique index call_analysis_version on call_analysis (org_id, call_id, transcript_md5);
create index call_analysis_due on call_analysis (next_attempt_at) where status in ('pending', 'analysing');
create index call_analysis_unpurged on call_analysis (org_id, call_id) where purged_at is null and status = 'done';

create table ai_token_use (
    org_id             uuid        not null references organization (id) on delete cascade,
    day                date        not null,   -- UTC
    tokens             bigint      not null default 0,
    budget_alerted_at  timestamptz,
    primary key (org_id, day)
);

-- The analytics side: a call's fact carries its analysis's intent and sentiment (they name no one, so the purges
-- leave them), for the dashboard's intent mix and sentiment trend.
alter table call_fact add column intent text, add column sentiment text;
