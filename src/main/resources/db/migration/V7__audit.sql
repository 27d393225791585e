-- Append-only audit log: every read of personal data and every admin action, per organization.
create table audit_log (
    org_id      uuid        not null references organization (id) on delete cascade,
    id          bigserial   not null,
    at          timestamptz not null default now(),
    user_id     text        not null,     -- the identity provider's user id
    role        text        not null,
    action      text        not null,     -- e.g. "GET /api/calls/{id}"
    target      text        not null,     -- the path as requested, ids included
    status      int         not null,     -- the answer the user got
    primary key (org_id, id)
);
create index audit_log_org_at on audit_log (org_id, at desc);

-- Rows can be added, never changed or removed - except by the cascade of deleting the whole organization.
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and pg_trigger_depth() > 1 then
        return old;   -- the organization itself is being deleted (foreign-key cascade)
    end if;
    raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
