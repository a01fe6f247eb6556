-- Verify avenir:outreach_schedules on pg
do $$
begin
  if (select count(*) from cron.job where jobname in ('avenir-outreach-metrics', 'avenir-industry-performance')) <> 2 then
    raise exception 'the outreach schedules are missing';
  end if;
end
$$;
