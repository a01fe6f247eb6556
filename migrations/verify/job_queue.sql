-- Verify avenir:job_queue on pg
do $$
declare
  fn text;
begin
  foreach fn in array array[
    'public.enqueue_job(text, jsonb, timestamptz, integer, text)', 'public.claim_jobs(text, text[], integer)',
    'public.heartbeat_jobs(text, uuid[])', 'public.complete_job(uuid, jsonb, text)',
    'public.fail_job(uuid, text, text)', 'public.release_jobs(text, uuid[])', 'public.retry_job(uuid)',
    'public.reap_stale_jobs()', 'public.heartbeat_worker(text, double precision, uuid[])',
    'public.retire_worker(text)'] loop
    if to_regprocedure(fn) is null then
      raise exception 'function % is missing', fn;
    end if;
    if not has_function_privilege('service_role', fn, 'execute') then
      raise exception 'service_role must be able to execute %', fn;
    end if;
    if has_function_privilege('anon', fn, 'execute') or has_function_privilege('authenticated', fn, 'execute') then
      raise exception '% must be service_role only', fn;
    end if;
  end loop;
  if to_regclass('public.dead_letter_jobs') is null then
    raise exception 'view public.dead_letter_jobs is missing';
  end if;
end
$$;
