-- A provider account's OAuth app (Zoom's Server-to-Server OAuth): the hub asks the provider for short-lived
-- access tokens with it instead of using a pasted token. The client secret is sealed by the vault like the others.
alter table provider_account
    add column oauth_account_id text,
    add column oauth_client_id text,
    add column oauth_client_secret_enc text;
