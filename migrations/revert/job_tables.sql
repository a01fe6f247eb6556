-- Revert avenir:job_tables to its @v0.1.0 definition (the literal list of deploy/job_tables@v0.1.0.sql)
begin;
alter table public.queue_jobs
  drop constraint queue_jobs_job_type_check,
  add constraint queue_jobs_job_type_check check (job_type in (
    'daily_prospect_queue', 'bulk_email', 'intelligence_analysis',
    'lead_enrichment', 'email_response', 'translation', 'embedding', 'form_test'));
comment on column public.queue_jobs.job_type is
  'daily_prospect_queue, bulk_email, intelligence_analysis (spec), lead_enrichment, email_response, translation, embedding, form_test.';
comment on column public.queue_jobs.heartbeat_at is 'Last sign of life from the worker holding the job.';
comment on table public.queue_jobs is
  'Global: background jobs (pending -> processing -> completed/failed), claimed with FOR UPDATE SKIP LOCKED; '
  'a job processing longer than timeout_seconds (300 s by default) is taken back. service_role only.';
drop function if exists private.job_channel();
drop function if exists private.job_types();
commit;
