-- Revert avenir:job_queue to its @v0.1.0 definition
-- (the frozen deploy script; above it the drops of what the reworked change adds).
begin;
drop function if exists public.retire_worker(text);
drop function if exists public.heartbeat_worker(text, double precision, uuid[]);
drop function if exists private.require_worker_id(text);
commit;
\ir ../deploy/job_queue@v0.1.0.sql
