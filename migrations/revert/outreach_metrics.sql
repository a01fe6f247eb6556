-- Revert avenir:outreach_metrics from pg
begin;
drop function if exists public.refresh_industry_performance();
drop function if exists public.refresh_outreach_metrics();
alter table public.outreach_metrics drop constraint if exists outreach_metrics_event_totals_check;
alter table public.outreach_metrics drop column if exists total_open_events, drop column if exists total_click_events,
  drop column if exists machine_open_events;
commit;
