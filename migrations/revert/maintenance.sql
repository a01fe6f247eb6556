-- Revert avenir:maintenance from pg
begin;
drop function if exists private.purge_expired_rows(interval);
drop index if exists public.queue_jobs_completed_idx;
commit;
