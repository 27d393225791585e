-- Notices the operators give (docs/operations.md, "Breach notification" and "Policy changes"): a personal-data
-- breach told to the admins of the organizations it touched within 72 hours, and a new privacy policy announced to
-- every organization at least 30 days before it takes effect.

-- A breach as the operators recorded it: the four parts every affected organization's admins are told.
create table incident (
    id                   bigserial   primary key,
    discovered_at        timestamptz not null,
    what_happened        text        not null,
    data_involved        text        not null,
    mitigation           text        not null,
    recommended_actions  text        not null,
    recorded_by          text        not null,   -- the operator's identity-provider user id
    recorded_at          timestamptz not null
);

-- The organizations a breach touched. Goes with the organization when it is deleted, as everything of it does.
create table incident_organization (
    org_id       uuid   not null references organization (id) on delete cascade,
    incident_id  bigint not null references incident (id),
    primary key (org_id, incident_id)
);
create index incident_organization_incident on incident_organization (incident_id);

-- The operators' reminders of a breach still not told everywhere: one row per threshold (24 h, 48 h) reached.
create table incident_reminder (
    incident_id  bigint      not null references incident (id),
    after_hours  int         not null,
    sent_at      timestamptz not null,
    primary key (incident_id, after_hours)
);

-- The privacy policy's versions; the one in force is the latest whose effective date has come.
create table policy_version (
    id              bigserial   primary key,
    text            text        not null,
    effective_date  date        not null,
    published_by    text        not null,
    published_at    timestamptz not null
);

-- Every notice mail, as an outbox and as the record of its delivery: queued, sent, retrying (a temporary failure,
-- tried again later), bounced (the mail server refused it for good, 5xx), failed (given up after the last try), or
-- no-address (the organization has no alert address to mail). org_id is null for the operators' reminders.
create table notice_mail (
    id               bigserial   primary key,
    org_id           uuid        references organization (id) on delete cascade,
    incident_id      bigint      references incident (id),
    policy_id        bigint      references policy_version (id),
    recipient        text,
    subject          text        not null,
    body             text        not null,
    status           text        not null check (status in ('queued', 'sent', 'retrying', 'bounced', 'failed', 'no-address')),
    attempts         int         not null default 0,
    queued_at        timestamptz not null,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    sent_at          timestamptz,
    last_error       text
);
create index notice_mail_due on notice_mail (next_attempt_at) where next_attempt_at is not null;
create index notice_mail_incident on notice_mail (incident_id) where incident_id is not null;
create index notice_mail_policy on notice_mail (policy_id) where policy_id is not null;
