-- Outreach follow-ups, hourly (cron.schedule replaces a job of the same name: re-applying is safe).
do $$
begin
  perform cron.schedule('avenir-outreach-follow-ups', '10 * * * *', 'select public.schedule_follow_ups()');
end
$$;
