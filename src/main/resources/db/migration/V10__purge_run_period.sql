-- A scheduled purge records the period (Quartz's scheduled fire time) it ran for. Quartz's clustered job store
-- already fires each period on one node; the unique index makes "once per period" a fact of the database too.
alter table purge_run add column scheduled_for timestamptz;
create unique index purge_run_once_per_period on purge_run (job, scheduled_for);
