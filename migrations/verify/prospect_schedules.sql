-- Verify avenir:prospect_schedules on pg
do $$
declare
  missing text;
begin
  select string_agg(name, ', ') into missing
    from unnest(array['avenir-daily-prospect-queue', 'avenir-expire-form-tests']) name
   where not exists (select from cron.job where jobname = name and active);
  if missing is not null then
    raise exception 'pg_cron jobs missing or inactive: %', missing;
  end if;
end
$$;
