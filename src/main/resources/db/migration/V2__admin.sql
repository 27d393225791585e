-- Admin configuration: the organization's AMS connection (credentials sealed, write-only) and the mapping of
-- provider agent identities to organization members.

create table ams_connection (
    org_id           uuid        not null references organization (id) on delete cascade,
    ams_type         text        not null check (ams_type in ('ams360', 'applied-epic', 'ezlynx')),
    base_url         text        not null,
    credentials_enc  text        not null,   -- JSON of the vendor's credentials, AES-256-GCM; never returned
    activity_code    text,                   -- the agency's activity/action code for call notes
    updated_by       text        not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    primary key (org_id)
);

create table agent_mapping (
    org_id            uuid        not null references organization (id) on delete cascade,
    id                bigserial   not null,
    member_id         text        not null,  -- the member's user id at the identity provider
    provider          text        not null,
    provider_user_id  text,                  -- the provider's id of the agent (Zoom user_id, Dialpad target id, ...)
    email             text,
    extension         text,
    created_at        timestamptz not null default now(),
    primary key (org_id, id)
);
create unique index agent_mapping_provider_user on agent_mapping (org_id, provider, provider_user_id)
    where provider_user_id is not null;
