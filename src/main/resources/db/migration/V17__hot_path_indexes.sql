-- Two lookups that walked a whole organization's rows once its tables grew (found under load, issue 13):
-- the screen pop's "last activity with this number" filtered the org's calls by number along the
-- (org_id, started_at) index - every row when the number had never called before;
create index call_org_number on call (org_id, external_number, started_at desc nulls last);
-- and the AMS sync claim took each organization's earliest due syncs by sorting all of them.
create index ams_sync_org_due on ams_sync (org_id, next_attempt_at) where status in ('pending', 'syncing');
