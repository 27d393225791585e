-- Support tickets: an organization's members ask CallIntel's support (the platform's operators) for help.
-- Account data: kept until the organization is deleted (no privacy purge touches them), exported with it.
create table support_ticket (
    org_id          uuid        not null references organization (id) on delete cascade,
    id              bigserial   not null,     -- one sequence for all organizations: operators name a ticket by it
    reporter_id     text        not null,     -- the identity provider's user id
    reporter_email  text,                     -- where the confirmation and status mails go (the token's email claim)
    reporter_role   text        not null,
    category        text        not null
                    check (category in ('question', 'problem', 'billing', 'privacy', 'connector')),
    subject         text        not null check (char_length(subject) between 1 and 200),
    body            text        not null check (char_length(body) between 1 and 10000),
    status          text        not null default 'open'
                    check (status in ('open', 'in-progress', 'waiting-on-customer', 'resolved', 'closed')),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (org_id, id)
);
create unique index support_ticket_id on support_ticket (id);
create index support_ticket_reporter on support_ticket (org_id, reporter_id, id desc);
create index support_ticket_status on support_ticket (status, updated_at desc);

-- What support did with a ticket: each status change or reply, by which operator.
create table support_ticket_change (
    org_id       uuid        not null,
    id           bigserial   not null,
    ticket_id    bigint      not null,
    operator_id  text        not null,     -- the operator's identity-provider user id
    from_status  text        not null,
    to_status    text        not null,
    reply        text        check (reply is null or char_length(reply) <= 10000),
    at           timestamptz not null default now(),
    primary key (org_id, id),
    foreign key (org_id, ticket_id) references support_ticket (org_id, id) on delete cascade
);
create index support_ticket_change_ticket on support_ticket_change (org_id, ticket_id, id);

-- Ticket mails waiting to be sent (an outbox): written in the ticket's own transaction, sent after the commit and
-- retried from here, so a mail server that is down loses neither the ticket nor its mails. Deleted once sent;
-- a mail given up on (next_attempt_at null) stays with its last error for the operators.
create table support_mail (
    org_id           uuid        not null,
    id               bigserial   not null,
    ticket_id        bigint      not null,
    recipient        text        not null,
    reply_to         text,
    subject          text        not null,
    body             text        not null,
    attempts         int         not null default 0,
    next_attempt_at  timestamptz default now(),
    last_error       text,
    created_at       timestamptz not null default now(),
    primary key (org_id, id),
    foreign key (org_id, ticket_id) references support_ticket (org_id, id) on delete cascade
);
create index support_mail_due on support_mail (next_attempt_at) where next_attempt_at is not null;
