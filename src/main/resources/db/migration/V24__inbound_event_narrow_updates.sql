-- Processing updates every stored webhook twice (the lease, then its outcome). Measured with pg_stat_statements
-- (bench/README.md, sixth slice): both updates rewrote the whole row, its ~1.3 kB payload included, and added an
-- entry to every index, because the queue's partial index named the status - 63 % of the write-ahead log of a
-- processed event. Now:
-- - the payload lives out of line (TOAST, uncompressed: no CPU spent compressing), so an update copies a
--   ~200-byte row and points at the same payload;
-- - the queue's index names processed_at, set once when an event is done: the lease (status, attempts,
--   lease_until) changes no indexed column and can be a heap-only update on the same page, given room there
--   (fillfactor: half of each page is kept for the lease's new row versions of a whole claimed batch).
alter table inbound_event alter column payload set storage external;
alter table inbound_event set (toast_tuple_target = 128, fillfactor = 50);

-- Every final state has its time; the queue is exactly the rows without one.
update inbound_event set processed_at = received_at
where status not in ('pending', 'processing') and processed_at is null;
update inbound_event set processed_at = null
where status in ('pending', 'processing') and processed_at is not null;
alter table inbound_event add constraint inbound_event_unfinished_without_time
    check ((status in ('pending', 'processing')) = (processed_at is null));

create index inbound_event_unfinished on inbound_event (id) where processed_at is null;
drop index inbound_event_ready;
