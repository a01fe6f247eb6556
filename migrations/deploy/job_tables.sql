-- Deploy avenir:job_tables to pg (reworked after @v0.1.0; db/jobs.sql describes the result)
begin;
-- The job types and the NOTIFY channel, stated once.
\ir ../../functions/job_vocabulary.sql
-- The job types are read from that vocabulary instead of a literal list.
alter table public.queue_jobs
  drop constraint queue_jobs_job_type_check,
  add constraint queue_jobs_job_type_check check (job_type = any (private.job_types()));
comment on column public.queue_jobs.job_type is 'One of private.job_types().';
comment on column public.queue_jobs.heartbeat_at is
  'Last sign of life from the worker holding the job (the worker''s own: private.queue_workers).';
comment on table public.queue_jobs is
  'Global: background jobs (pending -> processing -> completed/failed), claimed with FOR UPDATE SKIP LOCKED; '
  'a job whose worker stops heart-beating is taken back within seconds, one running longer than timeout_seconds '
  '(300 s by default) is cut off. service_role only.';
commit;
