-- Deploy avenir:job_tables to pg
begin;
-- db/jobs.sql as of @v0.1.0
-- queue_jobs: the background job queue (global). The claim / complete / retry functions are
-- defined in functions/jobs.sql; this file holds the table, its indexes and grants.
create table public.queue_jobs (
  id uuid primary key default gen_random_uuid(),
  job_type text not null,
  status text not null default 'pending',
  payload jsonb not null default '{}',
  result jsonb,
  error text,
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  run_at timestamptz not null default now(),
  priority integer not null default 0,
  locked_by text,
  heartbeat_at timestamptz,
  dedup_key text,
  last_error text,
  timeout_seconds integer not null default 300,
  client_id uuid references public.clients (client_id) on delete cascade,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  completed_at timestamptz,
  updated_at timestamptz not null default now(),
  -- The spec's three job types, plus those of the lead, translation, embedding and form-test flows.
  constraint queue_jobs_job_type_check check (job_type in (
    'daily_prospect_queue', 'bulk_email', 'intelligence_analysis',
    'lead_enrichment', 'email_response', 'translation', 'embedding', 'form_test')),
  constraint queue_jobs_status_check check (status in ('pending', 'processing', 'completed', 'failed')),
  constraint queue_jobs_payload_check check (jsonb_typeof(payload) = 'object'),
  constraint queue_jobs_attempts_check check (attempts >= 0),
  constraint queue_jobs_max_attempts_check check (max_attempts > 0),
  constraint queue_jobs_timeout_seconds_check check (timeout_seconds > 0),
  constraint queue_jobs_dedup_key_check check (char_length(dedup_key) <= 200)
);
-- Claim order: the highest priority first, then the earliest due (FOR UPDATE SKIP LOCKED).
create index queue_jobs_pending_idx on public.queue_jobs (priority desc, run_at) where status = 'pending';
-- At most one pending job per dedup_key (e.g. one enrichment per lead).
create unique index queue_jobs_dedup_key_pending_idx on public.queue_jobs (dedup_key)
  where status = 'pending' and dedup_key is not null;
-- Taking back jobs whose worker stopped beating.
create index queue_jobs_processing_idx on public.queue_jobs (heartbeat_at) where status = 'processing';
-- Inspecting and purging failures.
create index queue_jobs_failed_idx on public.queue_jobs (completed_at) where status = 'failed';
create index queue_jobs_client_id_idx on public.queue_jobs (client_id);

comment on table public.queue_jobs is
  'Global: background jobs (pending -> processing -> completed/failed), claimed with FOR UPDATE SKIP LOCKED; '
  'a job processing longer than timeout_seconds (300 s by default) is taken back. service_role only.';
comment on column public.queue_jobs.job_type is
  'daily_prospect_queue, bulk_email, intelligence_analysis (spec), lead_enrichment, email_response, translation, embedding, form_test.';
comment on column public.queue_jobs.status is 'pending, processing, completed or failed.';
comment on column public.queue_jobs.payload is 'JSONB input of the job.';
comment on column public.queue_jobs.result is 'JSONB output after completion.';
comment on column public.queue_jobs.error is 'Error message of the final failure.';
comment on column public.queue_jobs.attempts is 'Claims so far (a retry increments it).';
comment on column public.queue_jobs.max_attempts is 'Claims allowed before the job fails for good.';
comment on column public.queue_jobs.run_at is 'Not claimable before this time (retry backoff, scheduling).';
comment on column public.queue_jobs.priority is 'Higher runs first.';
comment on column public.queue_jobs.locked_by is 'Worker that holds the job while processing.';
comment on column public.queue_jobs.heartbeat_at is 'Last sign of life from the worker holding the job.';
comment on column public.queue_jobs.dedup_key is 'Optional key: at most one pending job per key.';
comment on column public.queue_jobs.last_error is 'Error of the latest failed attempt (kept across retries).';
comment on column public.queue_jobs.timeout_seconds is 'Processing time after which the job is taken back (spec: 300 s).';
comment on column public.queue_jobs.client_id is 'Client the job works for, when tenant-related (optional).';

comment on column public.queue_jobs.started_at is 'When the latest attempt started processing.';
comment on column public.queue_jobs.completed_at is 'When the job finished (completed or failed for good).';

create trigger queue_jobs_set_updated_at
  before update on public.queue_jobs
  for each row execute function private.tg__set_updated_at();

alter table public.queue_jobs enable row level security;
alter table public.queue_jobs force row level security;

revoke all on table public.queue_jobs from anon, authenticated;
grant select, insert, update, delete on table public.queue_jobs to service_role;
commit;
