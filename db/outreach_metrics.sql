-- Outreach metrics (issue 15, item 7), their table side: event totals beside the spec's
-- per-e-mail totals, and proxy opens counted apart from human ones.
alter table public.outreach_metrics
  add column if not exists total_open_events integer not null default 0,
  add column if not exists total_click_events integer not null default 0,
  add column if not exists machine_open_events integer not null default 0;
alter table public.outreach_metrics
  add constraint outreach_metrics_event_totals_check
  check (total_open_events >= 0 and total_click_events >= 0 and machine_open_events >= 0);
comment on column public.outreach_metrics.total_open_events is 'Human open events (every pixel fetch by a person).';
comment on column public.outreach_metrics.total_click_events is 'Click events (every click).';
comment on column public.outreach_metrics.machine_open_events is
  'Open events fetched by a mail-privacy proxy (Apple MPP, Google or Yahoo image proxies): not in any open rate.';
