-- Screen pop: what an agent's browser shows while the phone rings. A pop lives at most callintel.screen-pop.lifetime
-- (5 minutes): the purge-screen-pops Quartz route deletes it every minute. Every node LISTENs on the channel the
-- trigger NOTIFYs (organization and pop id only, never personal data) and writes the pop to its connected agents.

create table screen_pop (
    org_id       uuid        not null references organization (id) on delete cascade,
    id           bigserial   not null,
    call_id      bigint      not null,   -- call.id of the ringing call
    member_id    text,                   -- the hub user it is addressed to; null = every connected agent of the org
    payload      jsonb       not null,   -- what the card shows: number, caller, AMS candidates, last activity
    received_at  timestamptz not null,   -- when the webhook behind it was received (latency metric)
    created_at   timestamptz not null,   -- the hub clock's time of the pop; the purge keys off this
    primary key (org_id, id),
    foreign key (org_id, call_id) references call (org_id, id) on delete cascade
);
create unique index screen_pop_once on screen_pop (org_id, call_id, coalesce(member_id, ''));
create index screen_pop_created on screen_pop (created_at);

create function screen_pop_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('callintel_screen_pop', new.org_id::text || ':' || new.id::text);
    return null;
end $$;
create trigger screen_pop_notify after insert on screen_pop for each row execute function screen_pop_notify();

-- Single-use tickets that open an agent's event stream (EventSource cannot send a bearer token). Only the SHA-256
-- of a ticket is kept, so any node can redeem it and a database reader cannot use it.
create table screen_pop_ticket (
    org_id       uuid        not null references organization (id) on delete cascade,
    ticket_hash  text        not null,
    user_id      text        not null,
    email        text,
    role         text        not null,
    expires_at   timestamptz not null,
    primary key (org_id, ticket_hash)
);
create unique index screen_pop_ticket_hash on screen_pop_ticket (ticket_hash);

-- The AMS client an agent picked on the pop while the call was ringing: the call's note goes there.
alter table call add column ams_target_id text;
