-- Verify avenir:cron_schedules on pg
do $$
declare
  missing text;
begin
  select string_agg(name, ', ') into missing
    from unnest(array['avenir-prune-login-attempts', 'avenir-purge-expired']) name
   where not exists (select from cron.job where jobname = name and active);
  if missing is not null then
    raise exception 'pg_cron jobs missing or inactive: %', missing;
  end if;
  if exists (select from cron.job where jobname = 'avenir-reap-stale-jobs') then
    raise exception 'avenir-reap-stale-jobs is scheduled: reaping belongs to the workers (functions/jobs.sql)';
  end if;
  if to_regclass('private.cron_status') is null then
    raise exception 'view private.cron_status is missing';
  end if;
end
$$;
