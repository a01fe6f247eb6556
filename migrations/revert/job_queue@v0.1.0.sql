-- Revert avenir:job_queue from pg
begin;
drop view if exists public.dead_letter_jobs;
drop function if exists public.reap_stale_jobs();
drop function if exists public.retry_job(uuid);
drop function if exists public.release_jobs(text, uuid[]);
drop function if exists public.fail_job(uuid, text, text);
drop function if exists private.retry_delay(integer);
drop function if exists public.complete_job(uuid, jsonb, text);
drop function if exists private.processing_job(uuid, text);
drop function if exists public.heartbeat_jobs(text, uuid[]);
drop function if exists public.claim_jobs(text, text[], integer);
drop function if exists private.notify_job_due(uuid, text);
drop function if exists public.enqueue_job(text, jsonb, timestamptz, integer, text);
commit;
