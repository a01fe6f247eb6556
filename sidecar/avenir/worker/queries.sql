-- The worker's runtime queries (avenir.worker.db), loaded by name with
-- avenir_gateway.sql_files.NamedQueries; parameters are psycopg named placeholders. The logic
-- lives in the SQL functions of functions/jobs.sql; handlers keep theirs beside them (handlers/).

-- name: set_role
select set_config('role', %(role)s, false);

-- name: job_channel
select private.job_channel() as channel;

-- name: listen
-- The channel is the name job_channel returned, composed as an identifier (LISTEN takes no parameter).
listen {channel};

-- name: load_labels
-- The canonical values of the analysis vocabularies and their French labels, through public.translate
-- (the intent taxonomy, the dictionary's tone and urgency rows): one place says what a label is.
select v.context, v.value, public.translate(v.value, 'en', 'fr', v.context) ->> 'text' as label
  from (select 'intent' as context, t.intent_en as value from public.intent_translations t
        union all
        select 'tone', tone from unnest(private.lead_tones()) as tone
        union all
        select 'urgency', d.source_text from public.translation_dictionary d
         where d.context = 'urgency' and d.source_language = 'en' and d.target_language = 'fr' and d.verified) v
 order by v.context, v.value;

-- name: complete_and_claim
-- One round trip and one commit: complete what finished (no-effect jobs), then claim the next.
with done as materialized (
  select count(*) filter (where public.complete_job(j.id, j.result, %(worker_id)s))::integer as completed
    from unnest(%(ids)s::uuid[], %(results)s::jsonb[]) as j (id, result)
)
select d.completed, c.id, c.job_type, c.payload, c.attempts, c.max_attempts, c.timeout_seconds, c.client_id
  from done d
  left join lateral public.claim_jobs(%(worker_id)s, %(job_types)s::text[], %(n)s) c on true;

-- name: complete_job
select public.complete_job(%(id)s, %(result)s, %(worker_id)s) as completed;

-- name: complete_jobs
select count(*) filter (where done)::integer as completed
  from (select public.complete_job(j.id, j.result, %(worker_id)s) as done
          from unnest(%(ids)s::uuid[], %(results)s::jsonb[]) as j (id, result)) s;

-- name: fail_job
select public.fail_job(%(id)s, %(error)s, %(worker_id)s) as status;

-- name: heartbeat_worker
select public.heartbeat_worker(%(worker_id)s, %(heartbeat_seconds)s, %(ids)s::uuid[]) as held;

-- name: retire_worker
select public.retire_worker(%(worker_id)s) as retired;

-- name: release_jobs
select public.release_jobs(%(worker_id)s, %(ids)s::uuid[]) as released;

-- name: reap_stale_jobs
select public.reap_stale_jobs() as reaped;
