-- Verify avenir:cron_learning on pg
do $$
declare
  missing text;
begin
  select string_agg(name, ', ') into missing
    from unnest(array['avenir-growth-brain-weekly', 'avenir-evaluate-ab-tests', 'avenir-learning-pass']) name
   where not exists (select from cron.job where jobname = name and active);
  if missing is not null then
    raise exception 'pg_cron jobs missing or inactive: %', missing;
  end if;
end
$$;
