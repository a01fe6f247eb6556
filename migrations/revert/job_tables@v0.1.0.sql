-- Revert avenir:job_tables from pg
begin;
drop table if exists public.queue_jobs;
commit;
