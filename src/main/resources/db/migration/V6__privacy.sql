-- Privacy: when each record's personal data was purged, and a row per purge run so admins can see the promise kept.
alter table call add column purged_at timestamptz;
alter table sms_message add column purged_at timestamptz;
alter table inbound_event add column payload_purged_at timestamptz;

create table purge_run (
    id            bigserial   primary key,  -- not tenant data: one run covers every organization
    job           text        not null,     -- purge-after-sync, purge-hard-maximum
    node          text        not null,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    rows_masked   bigint      not null default 0,
    rows_deleted  bigint      not null default 0
);
create index call_purge_due on call (org_id) where purged_at is null;
