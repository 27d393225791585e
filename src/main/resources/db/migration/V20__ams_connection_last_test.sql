-- The last "Test connection" of an organization's AMS (the Settings page's setup checklist: AMS connected =
-- the last test passed). Saving the connection again (new credentials) clears it: the new ones are untested.
alter table ams_connection add column last_test_ok boolean;
alter table ams_connection add column last_tested_at timestamptz;
