-- Revert avenir:job_workers from pg
begin;
drop table if exists private.queue_workers;
commit;
