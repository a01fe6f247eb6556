-- The job queue's verbs on public.queue_jobs (table and indexes: db/jobs.sql). service_role only:
-- the sidecar worker calls them; nothing here is for API clients. Invoker rights: service_role
-- owns the table privileges and bypasses RLS.
--
-- Wake-up: NOTIFY takes a cluster-wide lock at commit, so a NOTIFY per job serialises every
-- enqueuing transaction. enqueue_job notifies only when the job is due now and no other due job
-- is pending (the workers may be asleep); with a backlog the workers are busy and claim again
-- as soon as a batch ends, and their adaptive poll (<= 1 s) covers what a missed NOTIFY leaves.
-- The job types and the channel are stated once, in functions/job_vocabulary.sql.
--
-- Reaping has one owner, the workers (reap_stale_jobs every AVENIR_WORKER_REAP_INTERVAL, 2 s):
-- a taken-back job is useful only to a worker that can run it, a worker reaps as soon as it
-- starts (none running: nothing is lost, the first one to start takes the jobs back), and it
-- wakes its own claim loop at once. pg_cron cannot do it in seconds: Debian's pg_cron 1.4.2
-- schedules at most once a minute (second-granularity schedules came in 1.5).

create or replace function public.enqueue_job(
  job_type text,
  payload jsonb default '{}',
  run_at timestamptz default now(),
  priority integer default 0,
  dedup_key text default null
) returns uuid
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
declare
  new_id uuid;
  violated text;
begin
  if enqueue_job.payload is null or jsonb_typeof(enqueue_job.payload) <> 'object' then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('job payload must be a JSON object, got %s', coalesce(jsonb_typeof(enqueue_job.payload), 'null')),
      hint = 'Pass jsonb_build_object(...) or ''{}''.';
  end if;
  -- A concurrent claim may take the pending duplicate between the insert and the lookup: retry.
  for attempt in 1..3 loop
    begin
      insert into public.queue_jobs as q (job_type, payload, run_at, priority, dedup_key, client_id)
      values (enqueue_job.job_type, enqueue_job.payload, coalesce(enqueue_job.run_at, now()),
              coalesce(enqueue_job.priority, 0), enqueue_job.dedup_key,
              (enqueue_job.payload ->> 'client_id')::uuid)
      on conflict (dedup_key) where status = 'pending' and dedup_key is not null do nothing
      returning q.id into new_id;
    exception
      when check_violation or not_null_violation then
        get stacked diagnostics violated = constraint_name;
        raise exception using errcode = 'invalid_parameter_value',
          message = format('cannot enqueue job_type %L: %s', enqueue_job.job_type, coalesce(violated, sqlerrm)),
          hint = format('job_type is one of %s; dedup_key is at most 200 characters.',
                        array_to_string(private.job_types(), ', '));
      when invalid_text_representation then
        raise exception using errcode = 'invalid_parameter_value',
          message = format('payload client_id %L is not a uuid', enqueue_job.payload ->> 'client_id'),
          hint = 'Omit client_id or pass the client''s uuid.';
    end;
    if new_id is not null then
      if enqueue_job.run_at is null or enqueue_job.run_at <= now() then
        perform private.notify_job_due(new_id, enqueue_job.job_type);
      end if;
      return new_id;
    end if;
    select q.id into new_id
      from public.queue_jobs q
     where q.dedup_key = enqueue_job.dedup_key and q.status = 'pending';
    if new_id is not null then
      return new_id;
    end if;
  end loop;
  raise exception using errcode = 'serialization_failure',
    message = format('could not enqueue job with dedup_key %L: it kept being claimed concurrently', enqueue_job.dedup_key),
    hint = 'Retry the call.';
end
$$;
comment on function public.enqueue_job(text, jsonb, timestamptz, integer, text) is
  'Queue a job (service_role); returns its id, or the id of the pending job with the same dedup_key. '
  'Wakes the workers (NOTIFY on private.job_channel()) only when no other due job is pending.';
revoke execute on function public.enqueue_job(text, jsonb, timestamptz, integer, text) from public, anon, authenticated;
grant execute on function public.enqueue_job(text, jsonb, timestamptz, integer, text) to service_role;

create or replace function private.notify_job_due(new_id uuid, job_type text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  -- Another due pending job means the workers already have work (or were already woken).
  if not exists (
    select 1 from public.queue_jobs q
     where q.status = 'pending' and q.run_at <= now() and q.id <> new_id
  ) then
    perform pg_notify(private.job_channel(), job_type);
  end if;
end
$$;
comment on function private.notify_job_due(uuid, text) is
  'NOTIFY private.job_channel() for a newly due job, unless other due jobs are pending (a NOTIFY serialises commits).';
revoke execute on function private.notify_job_due(uuid, text) from public, anon, authenticated;
grant execute on function private.notify_job_due(uuid, text) to service_role;

create or replace function private.require_worker_id(worker_id text)
returns void
language plpgsql
immutable
set search_path = ''
as $$
begin
  if worker_id is null or btrim(worker_id) = '' or char_length(worker_id) > 200 then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('worker_id must be 1 to 200 characters, got %L', left(worker_id, 40)),
      hint = 'Pass a name unique to the worker process, e.g. host:pid.';
  end if;
end
$$;
comment on function private.require_worker_id(text) is
  'Raise 22023 unless worker_id names a worker (1 to 200 characters, as private.queue_workers holds).';
revoke execute on function private.require_worker_id(text) from public, anon, authenticated;
grant execute on function private.require_worker_id(text) to service_role;

create or replace function public.claim_jobs(worker_id text, job_types text[] default null, n integer default 1)
returns setof public.queue_jobs
language plpgsql
set search_path = ''
as $$
begin
  perform private.require_worker_id(worker_id);
  if n is null or n < 1 or n > 1000 then
    raise exception using errcode = 'invalid_parameter_value', message = format('n must be 1..1000, got %s', n),
      hint = 'Claim at most 1000 jobs at a time.';
  end if;
  return query
    with picked as (
      select q.id
        from public.queue_jobs q
       where q.status = 'pending' and q.run_at <= now()
         and (job_types is null or q.job_type = any (job_types))
       order by q.priority desc, q.run_at
       limit n
         for update skip locked
    )
    update public.queue_jobs q
       set status = 'processing', started_at = now(), heartbeat_at = now(),
           locked_by = claim_jobs.worker_id, attempts = q.attempts + 1
      from picked
     where q.id = picked.id
    returning q.*;
end
$$;
comment on function public.claim_jobs(text, text[], integer) is
  'Claim up to n due pending jobs (of job_types, all when null) for worker_id: highest priority first, then earliest '
  'run_at; FOR UPDATE SKIP LOCKED, so concurrent claimers never get the same job.';
revoke execute on function public.claim_jobs(text, text[], integer) from public, anon, authenticated;
grant execute on function public.claim_jobs(text, text[], integer) to service_role;

create or replace function public.heartbeat_jobs(worker_id text, ids uuid[])
returns integer
language sql
set search_path = ''
as $$
  with beaten as (
    update public.queue_jobs q set heartbeat_at = now()
     where q.id = any (ids) and q.status = 'processing' and q.locked_by = worker_id
    returning 1
  )
  select count(*)::integer from beaten;
$$;
comment on function public.heartbeat_jobs(text, uuid[]) is
  'Record a sign of life for the jobs worker_id still holds; returns how many it still holds.';
revoke execute on function public.heartbeat_jobs(text, uuid[]) from public, anon, authenticated;
grant execute on function public.heartbeat_jobs(text, uuid[]) to service_role;

create or replace function public.heartbeat_worker(worker_id text, heartbeat_seconds double precision,
                                                   ids uuid[] default '{}')
returns integer
language plpgsql
set search_path = ''
as $$
begin
  perform private.require_worker_id(worker_id);
  if heartbeat_seconds is null or heartbeat_seconds <= 0 or heartbeat_seconds > 3600 then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('heartbeat_seconds must be in (0, 3600], got %s', heartbeat_seconds),
      hint = 'Pass the interval between this worker''s heartbeats.';
  end if;
  insert into private.queue_workers as w (worker_id, heartbeat_seconds)
  values (heartbeat_worker.worker_id, heartbeat_worker.heartbeat_seconds)
  on conflict on constraint queue_workers_pkey
    do update set heartbeat_seconds = excluded.heartbeat_seconds, last_seen_at = now();
  return public.heartbeat_jobs(heartbeat_worker.worker_id, coalesce(heartbeat_worker.ids, '{}'));
end
$$;
comment on function public.heartbeat_worker(text, double precision, uuid[]) is
  'A worker''s heartbeat: it is alive and beats every heartbeat_seconds (3 missed beats and reap_stale_jobs takes its '
  'jobs back), and it still runs ids; returns how many of them it still holds.';
revoke execute on function public.heartbeat_worker(text, double precision, uuid[]) from public, anon, authenticated;
grant execute on function public.heartbeat_worker(text, double precision, uuid[]) to service_role;

create or replace function public.retire_worker(worker_id text)
returns boolean
language sql
set search_path = ''
as $$
  with gone as (
    delete from private.queue_workers w where w.worker_id = retire_worker.worker_id returning 1
  )
  select exists (select from gone);
$$;
comment on function public.retire_worker(text) is
  'A worker stops (after releasing its jobs): forget its heartbeat; true when it was registered.';
revoke execute on function public.retire_worker(text) from public, anon, authenticated;
grant execute on function public.retire_worker(text) to service_role;

create or replace function private.processing_job(job_id uuid, worker_id text)
returns public.queue_jobs
language plpgsql
set search_path = ''
as $$
declare
  job public.queue_jobs;
begin
  select * into job from public.queue_jobs q where q.id = job_id for update;
  if not found then
    raise exception using errcode = 'invalid_parameter_value', message = format('no job %s', job_id),
      hint = 'Pass the id returned by claim_jobs.';
  end if;
  if job.status <> 'processing' or (worker_id is not null and job.locked_by is distinct from worker_id) then
    return null;  -- taken back (reaped) or released: the caller lost it
  end if;
  return job;
end
$$;
comment on function private.processing_job(uuid, text) is
  'Lock a job to record its failure; null when it is no longer processing for worker_id.';
revoke execute on function private.processing_job(uuid, text) from public, anon, authenticated;
grant execute on function private.processing_job(uuid, text) to service_role;

create or replace function public.complete_job(id uuid, result jsonb default null, worker_id text default null)
returns boolean
language plpgsql
set search_path = ''
as $$
begin
  -- One statement on the hot path: the row is locked and checked by the update itself.
  update public.queue_jobs q
     set status = 'completed', completed_at = now(), locked_by = null, heartbeat_at = null,
         -- Errors of earlier attempts stay beside the result: the job's history.
         result = case when q.result ? 'errors'
                       then coalesce(complete_job.result, '{}') || jsonb_build_object('errors', q.result -> 'errors')
                       else complete_job.result end
   where q.id = complete_job.id and q.status = 'processing'
     and (complete_job.worker_id is null or q.locked_by = complete_job.worker_id);
  if found then
    return true;
  end if;
  if not exists (select 1 from public.queue_jobs q where q.id = complete_job.id) then
    raise exception using errcode = 'invalid_parameter_value', message = format('no job %s', complete_job.id),
      hint = 'Pass the id returned by claim_jobs.';
  end if;
  return false;  -- taken back (reaped) or released: the caller lost it
end
$$;
comment on function public.complete_job(uuid, jsonb, text) is
  'Mark a processing job completed with its result; false when it is no longer held (by worker_id when given): '
  'the caller must then roll back what it did in the same transaction.';
revoke execute on function public.complete_job(uuid, jsonb, text) from public, anon, authenticated;
grant execute on function public.complete_job(uuid, jsonb, text) to service_role;

create or replace function private.retry_delay(attempts integer)
returns interval
language sql
volatile
set search_path = ''
as $$
  -- Exponential (1 s, 2 s, 4 s, ... capped at 1 h) with jitter in [50 %, 100 %] so that jobs
  -- failing together do not all come back in the same instant.
  select make_interval(secs => least(3600, power(2, greatest(attempts, 1) - 1)) * (0.5 + random() / 2));
$$;
comment on function private.retry_delay(integer) is
  'Backoff before the next try of a job that failed its attempts-th try: 2^(attempts-1) s, max 1 h, with jitter.';
revoke execute on function private.retry_delay(integer) from public, anon, authenticated;
grant execute on function private.retry_delay(integer) to service_role;

create or replace function public.fail_job(id uuid, error text, worker_id text default null)
returns text
language plpgsql
set search_path = ''
as $$
declare
  job public.queue_jobs := private.processing_job(fail_job.id, fail_job.worker_id);
  entry jsonb;
  new_status text;
begin
  if job.id is null then
    return null;
  end if;
  entry := jsonb_build_object('attempt', job.attempts, 'at', now(), 'error', coalesce(fail_job.error, 'unknown error'),
                              'worker', job.locked_by);
  update public.queue_jobs q
     set status = case when job.attempts >= job.max_attempts then 'failed' else 'pending' end,
         run_at = case when job.attempts >= job.max_attempts then q.run_at
                       else now() + private.retry_delay(job.attempts) end,
         error = case when job.attempts >= job.max_attempts then entry ->> 'error' end,
         completed_at = case when job.attempts >= job.max_attempts then now() end,
         last_error = entry ->> 'error',
         -- Every attempt's error is kept, for the dead-letter list.
         result = jsonb_set(coalesce(q.result, '{}'), '{errors}', coalesce(q.result -> 'errors', '[]') || entry),
         locked_by = null, heartbeat_at = null
   where q.id = job.id
  returning q.status into new_status;
  return new_status;
end
$$;
comment on function public.fail_job(uuid, text, text) is
  'Record a failed attempt: back to pending after an exponential backoff with jitter, or failed for good (dead letter) '
  'after max_attempts; returns the new status, null when the job is no longer held.';
revoke execute on function public.fail_job(uuid, text, text) from public, anon, authenticated;
grant execute on function public.fail_job(uuid, text, text) to service_role;

create or replace function public.release_jobs(worker_id text, ids uuid[])
returns integer
language plpgsql
set search_path = ''
as $$
declare
  released integer;
begin
  -- A release is not a failed try: the attempt is given back.
  update public.queue_jobs q
     set status = 'pending', attempts = greatest(q.attempts - 1, 0), locked_by = null, heartbeat_at = null,
         started_at = null
   where q.id = any (release_jobs.ids) and q.status = 'processing' and q.locked_by = release_jobs.worker_id;
  get diagnostics released = row_count;
  if released > 0 then
    perform pg_notify(private.job_channel(), 'released');  -- another worker may take them now
  end if;
  return released;
end
$$;
comment on function public.release_jobs(text, uuid[]) is
  'Give back unstarted or interrupted jobs at a graceful shutdown: pending again, attempt not counted.';
revoke execute on function public.release_jobs(text, uuid[]) from public, anon, authenticated;
grant execute on function public.release_jobs(text, uuid[]) to service_role;

create or replace function public.retry_job(id uuid)
returns public.queue_jobs
language plpgsql
set search_path = ''
as $$
declare
  job public.queue_jobs;
begin
  select * into job from public.queue_jobs q where q.id = retry_job.id for update;
  if not found then
    raise exception using errcode = 'invalid_parameter_value', message = format('no job %s', retry_job.id),
      hint = 'List dead letters with select * from public.dead_letter_jobs.';
  end if;
  if job.status <> 'failed' then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('job %s is %s, not failed', job.id, job.status),
      hint = 'Only a failed job (a dead letter) can be re-queued.';
  end if;
  begin
    update public.queue_jobs q
       set status = 'pending', attempts = 0, run_at = now(), error = null, completed_at = null, started_at = null
     where q.id = job.id
    returning * into job;
  exception when unique_violation then
    raise exception using errcode = 'unique_violation',
      message = format('job %s cannot be re-queued: a pending job with dedup_key %L exists', job.id, job.dedup_key),
      hint = 'That pending job will do the same work.';
  end;
  perform pg_notify(private.job_channel(), job.job_type);
  return job;
end
$$;
comment on function public.retry_job(uuid) is
  'Re-queue a dead letter (a failed job): pending now with its attempts reset; its last_error and errors are kept.';
revoke execute on function public.retry_job(uuid) from public, anon, authenticated;
grant execute on function public.retry_job(uuid) to service_role;

create or replace function public.reap_stale_jobs()
returns integer
language sql
set search_path = ''
as $$
  -- Two ways to lose a job. Its worker stopped heart-beating for 3 of the intervals it promised
  -- (killed, hung, cut off): taken back within seconds. Or nobody beat for it during its
  -- timeout_seconds (a claimer that never registered as a worker): taken back then. A live
  -- worker cuts off a job running past timeout_seconds itself (and fails it), so 300 s stays
  -- the limit of a job that is alive but too slow.
  with dead as (
    delete from private.queue_workers w
     where w.last_seen_at < now() - make_interval(secs => 3 * w.heartbeat_seconds)
    returning w.worker_id
  ), stale as (
    select q.id,
           case when d.worker_id is not null then format('worker %s stopped heart-beating', q.locked_by)
                else format('timed out: no heartbeat from %s for %s s', q.locked_by, q.timeout_seconds) end as why,
           case when d.worker_id is not null then 'worker stopped heart-beating'
                else format('timed out after %s s', q.timeout_seconds) end as attempt_error
      from public.queue_jobs q
      left join dead d on d.worker_id = q.locked_by
     where q.status = 'processing'
       and (d.worker_id is not null or q.heartbeat_at < now() - make_interval(secs => q.timeout_seconds))
       for update of q skip locked
  ), reaped as (
    update public.queue_jobs q
       set status = case when q.attempts >= q.max_attempts then 'failed' else 'pending' end,
           last_error = stale.why,
           error = case when q.attempts >= q.max_attempts then stale.why end,
           completed_at = case when q.attempts >= q.max_attempts then now() end,
           result = jsonb_set(coalesce(q.result, '{}'), '{errors}', coalesce(q.result -> 'errors', '[]')
             || jsonb_build_object('attempt', q.attempts, 'at', now(), 'worker', q.locked_by,
                                   'error', stale.attempt_error)),
           run_at = now(), locked_by = null, heartbeat_at = null
      from stale
     where q.id = stale.id
    returning 1
  )
  select count(*)::integer from reaped;
$$;
comment on function public.reap_stale_jobs() is
  'Take back processing jobs whose worker missed 3 heartbeats (private.queue_workers), or that nobody beat for during '
  'their timeout_seconds (300 s by default): pending again, or failed when out of attempts; returns how many. '
  'Run by every worker every few seconds (the one owner of reaping).';
revoke execute on function public.reap_stale_jobs() from public, anon, authenticated;
grant execute on function public.reap_stale_jobs() to service_role;

create or replace view public.dead_letter_jobs
with (security_invoker = true)
as
  select q.id, q.job_type, q.payload, q.attempts, q.max_attempts, q.error, q.last_error,
         coalesce(q.result -> 'errors', '[]') as errors, q.client_id, q.created_at, q.completed_at as failed_at
    from public.queue_jobs q
   where q.status = 'failed';
comment on view public.dead_letter_jobs is
  'Jobs that failed for good (service_role): every attempt''s error; re-queue one with retry_job(id).';
revoke all on public.dead_letter_jobs from public, anon, authenticated;
grant select on public.dead_letter_jobs to service_role;
