-- Where the organization's operational alerts (dead-lettered AMS syncs) are mailed.
alter table organization add column alert_email text;
