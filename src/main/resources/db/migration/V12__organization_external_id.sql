-- The identity provider's organization ids (Clerk: org_2abc...) mapped to the hub's own organization ids.
-- Looked up by external_id on every sign-in of such a token, before the organization is known (access/OrganizationIds).
create table organization_external_id (
    external_id text primary key,
    org_id      uuid        not null references organization (id) on delete cascade,
    created_at  timestamptz not null default now()
);
create index organization_external_id_org on organization_external_id (org_id);
