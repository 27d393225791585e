-- The purges walk only what is still to purge, in primary-key order (keyset batches): partial indexes on the
-- rows that still hold personal data, so a run costs what it purges, not what the tables hold.
drop index call_purge_due;
create index call_purge_due on call (org_id, id) where purged_at is null;
create index sms_purge_due on sms_message (org_id, id) where purged_at is null;
create index inbound_event_payload_due on inbound_event (org_id, id) where payload_purged_at is null;
create index ams_sync_purge_due on ams_sync (org_id, id) where candidates is not null or last_error is not null;
