-- Exactly-once AMS notes across a crash (issue 14): a sync marks, durably, that it is about to send a note to the
-- AMS, and the statement that records the AMS's answer clears the mark. A sync claimed with the mark still set had
-- a write whose outcome the hub never learned (killed, or the answer lost): it reads the AMS back before writing.
alter table ams_sync add column write_started_at timestamptz;
