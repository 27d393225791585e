-- Billing from Stripe's webhooks (docs/operations.md, "Billing").

-- Stripe's events as received: the billing intake's durable queue, deduplicated by Stripe's event id. An event
-- whose customer no organization is known for yet waits for its checkout session; processed events are deleted
-- after callintel.billing.event-retention (they name the agency's billing contact).
create table billing_event (
    event_id      text        primary key check (char_length(event_id) between 1 and 255),
    event_type    text        not null,
    created_at    timestamptz not null,     -- the event's "created": when Stripe took the object's snapshot
    payload       text        not null,     -- the body exactly as Stripe signed it
    received_at   timestamptz not null default now(),
    status        text        not null default 'pending'
                  check (status in ('pending', 'waiting', 'processed', 'ignored')),
    outcome       text,                     -- what processing did: applied, stale, unchanged, or why it was ignored
    customer_id   text,                     -- Stripe's customer id (cus_…), for events that wait for their organization
    org_id        uuid references organization (id) on delete cascade,
    processed_at  timestamptz
);
create index billing_event_pending on billing_event (received_at) where status = 'pending';
create index billing_event_waiting on billing_event (customer_id) where status = 'waiting';
create index billing_event_done on billing_event (processed_at) where status in ('processed', 'ignored');

-- An organization's billing: its Stripe customer and subscription, and its state as of the newest event applied.
-- An organization without a row here has never been billed through Stripe and is served.
create table billing_account (
    org_id              uuid        primary key references organization (id) on delete cascade,
    customer_id         text        not null unique,
    subscription_id     text,
    state               text        check (state in ('trialing', 'active', 'past_due', 'canceled')),
    state_at            timestamptz,         -- Stripe's time of the snapshot the state came from: older events lose
    past_due_since      timestamptz,         -- start of the grace period (callintel.billing.grace-period)
    past_due_mailed_at  timestamptz,         -- the admins were told of this past_due (once)
    updated_at          timestamptz not null default now()
);
create index billing_account_unserved on billing_account (state) where state in ('past_due', 'canceled');

-- Every change of an organization's billing state, with the event that made it.
create table billing_state_change (
    org_id        uuid        not null references organization (id) on delete cascade,
    id            bigserial   not null,
    from_state    text,
    to_state      text        not null,
    effective_at  timestamptz not null,   -- Stripe's time of the change
    event_id      text        not null,
    event_type    text        not null,
    recorded_at   timestamptz not null default now(),
    primary key (org_id, id)
);
