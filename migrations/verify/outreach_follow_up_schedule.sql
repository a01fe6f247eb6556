-- Verify avenir:outreach_follow_up_schedule on pg
do $$
begin
  if not exists (select from cron.job where jobname = 'avenir-outreach-follow-ups') then
    raise exception 'the avenir-outreach-follow-ups schedule is missing';
  end if;
end
$$;
