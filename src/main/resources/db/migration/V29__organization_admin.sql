-- Each organization's admins as the identity provider last named them at a browser sign-in, with their verified
-- e-mail address: who breach, policy and past-due notices are mailed to (docs/operations.md, "Who is mailed").
-- Written at sign-in (access/OrganizationAdmins): an admin who signs in as anything else, or without a verified
-- address, is removed. Goes with the organization when it is deleted.
create table organization_admin (
    org_id             uuid        not null references organization (id) on delete cascade,
    subject            text        not null,   -- the identity provider's user id
    email              text        not null,
    last_signed_in_at  timestamptz not null,
    primary key (org_id, subject)
);
