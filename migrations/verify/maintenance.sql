-- Verify avenir:maintenance on pg
do $$
begin
  if to_regprocedure('private.purge_expired_rows(interval)') is null then
    raise exception 'private.purge_expired_rows(interval) is missing';
  end if;
  if to_regclass('public.queue_jobs_completed_idx') is null then
    raise exception 'index queue_jobs_completed_idx is missing';
  end if;
end
$$;
