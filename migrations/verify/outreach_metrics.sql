-- Verify avenir:outreach_metrics on pg
\set functions 'public.refresh_outreach_metrics();public.refresh_industry_performance()'
\ir lib/closed_functions.sql
do $$
begin
  perform total_open_events, total_click_events, machine_open_events from public.outreach_metrics where false;
end
$$;
