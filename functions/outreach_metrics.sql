-- Outreach metrics (issue 15, item 7): per-campaign totals and rates, per-industry performance,
-- and the templates' performance_score, recomputed from the e-mails and their events.
--
-- Definitions (stated once, here):
--   sent        e-mails that reached 'sent' (sent_at set)
--   delivered   sent and not bounced (SMTP reports no delivery; a provider's 'delivered' adds nothing
--               to an e-mail that did not bounce)
--   opened      e-mails with at least one human open event (proxy opens never count), or replied
--   clicked     e-mails with at least one click event; replied, bounced, unsubscribed likewise
--   rates       percentages of delivered e-mails (bounce_rate: of sent), null when none delivered
--   revenue     the sum of metadata.revenue of the campaign's events (a conversion attributed to it)
--   template performance_score = (replied + 1) / (sent + 2): the reply rate, Laplace-smoothed so
--               a template sent twice is not rated 0 or 1; null when never sent
--   industry priority_score (0-100) = 100 * (0.7 * reply + 0.3 * open), each rate shrunk towards
--               the all-industry rate with a prior weight of 20 prospects: (k + 20 * overall) / (n + 20)

create or replace function public.refresh_outreach_metrics()
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  campaigns integer;
  templates integer;
begin
  with per_email as (
    select e.client_id, e.campaign_id, e.id, e.template_id, e.sent_at is not null as sent,
           e.status = 'bounced' as bounced, e.status = 'replied' as replied,
           count(*) filter (where t.action = 'opened' and not coalesce((t.metadata ->> 'machine_open')::boolean, false)) as human_opens,
           count(*) filter (where t.action = 'opened' and coalesce((t.metadata ->> 'machine_open')::boolean, false)) as machine_opens,
           count(*) filter (where t.action = 'clicked') as clicks,
           count(*) filter (where t.action = 'unsubscribed') as unsubscribes,
           coalesce(sum(case when t.metadata ->> 'revenue' ~ '^[0-9]+(\.[0-9]+)?$'
                             then (t.metadata ->> 'revenue')::numeric end), 0) as revenue
      from public.outreach_emails e
      left join public.outreach_tracking t on t.client_id = e.client_id and t.email_id = e.id
     group by e.client_id, e.campaign_id, e.id
  ), per_campaign as (
    select client_id, campaign_id,
           count(*) filter (where sent)::integer as sent_n,
           count(*) filter (where sent and not bounced)::integer as delivered_n,
           count(*) filter (where sent and (human_opens > 0 or replied))::integer as opened_n,
           count(*) filter (where clicks > 0)::integer as clicked_n,
           count(*) filter (where replied)::integer as replied_n,
           count(*) filter (where bounced)::integer as bounced_n,
           count(*) filter (where unsubscribes > 0)::integer as unsubscribed_n,
           sum(human_opens)::integer as open_events, sum(clicks)::integer as click_events,
           sum(machine_opens)::integer as machine_events, sum(revenue) as revenue
      from per_email group by client_id, campaign_id
  ), upserted as (
    insert into public.outreach_metrics as m (client_id, campaign_id, total_emails_sent, total_emails_delivered,
                total_emails_opened, total_emails_clicked, total_emails_replied, total_emails_bounced,
                total_emails_unsubscribed, total_open_events, total_click_events, machine_open_events,
                open_rate, click_rate, reply_rate, bounce_rate, revenue_generated)
    select client_id, campaign_id, sent_n, delivered_n, opened_n, clicked_n, replied_n, bounced_n, unsubscribed_n,
           open_events, click_events, machine_events,
           round(100.0 * opened_n / nullif(delivered_n, 0), 2), round(100.0 * clicked_n / nullif(delivered_n, 0), 2),
           round(100.0 * replied_n / nullif(delivered_n, 0), 2), round(100.0 * bounced_n / nullif(sent_n, 0), 2),
           revenue
      from per_campaign
    on conflict on constraint outreach_metrics_campaign_unique do update
       set total_emails_sent = excluded.total_emails_sent, total_emails_delivered = excluded.total_emails_delivered,
           total_emails_opened = excluded.total_emails_opened, total_emails_clicked = excluded.total_emails_clicked,
           total_emails_replied = excluded.total_emails_replied, total_emails_bounced = excluded.total_emails_bounced,
           total_emails_unsubscribed = excluded.total_emails_unsubscribed,
           total_open_events = excluded.total_open_events, total_click_events = excluded.total_click_events,
           machine_open_events = excluded.machine_open_events, open_rate = excluded.open_rate,
           click_rate = excluded.click_rate, reply_rate = excluded.reply_rate, bounce_rate = excluded.bounce_rate,
           revenue_generated = excluded.revenue_generated
    returning 1
  )
  select count(*)::integer into campaigns from upserted;

  with outcome as (
    select e.template_id, count(*) filter (where e.sent_at is not null) as sent_n,
           count(*) filter (where e.status = 'replied') as replied_n
      from public.outreach_emails e where e.template_id is not null group by e.template_id
  ), updated as (
    update public.email_templates t
       set performance_score = case when o.sent_n > 0 then round((o.replied_n + 1)::numeric / (o.sent_n + 2), 3) end
      from outcome o
     where t.id = o.template_id
       and t.performance_score is distinct from
           case when o.sent_n > 0 then round((o.replied_n + 1)::numeric / (o.sent_n + 2), 3) end
    returning 1
  )
  select count(*)::integer into templates from updated;
  return pg_catalog.jsonb_build_object('campaigns', campaigns, 'templates_rescored', templates);
end
$$;
comment on function public.refresh_outreach_metrics() is
  'Recompute outreach_metrics for every campaign (UPSERT on campaign_id) and email_templates.performance_score; '
  'definitions in functions/outreach_metrics.sql. service_role; scheduled hourly as avenir-outreach-metrics.';
revoke execute on function public.refresh_outreach_metrics() from public, anon, authenticated;
grant execute on function public.refresh_outreach_metrics() to service_role;

create or replace function public.refresh_industry_performance()
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  industries integer;
begin
  with per_prospect as (
    select p.industry, p.id,
           bool_or(e.sent_at is not null) as contacted,
           bool_or(e.opened_at is not null or e.replied_at is not null) as opened,
           bool_or(e.replied_at is not null) as replied,
           min(extract(epoch from (e.replied_at - e.sent_at)) / 3600.0) filter (where e.replied_at is not null) as hours
      from public.prospect_candidates p
      join public.outreach_emails e on e.prospect_id = p.id
     where p.industry is not null
     group by p.industry, p.id
  ), per_industry as (
    select industry, count(*) filter (where contacted) as n, count(*) filter (where contacted and opened) as o,
           count(*) filter (where contacted and replied) as r, avg(hours) as hours
      from per_prospect group by industry
  ), overall as (
    select coalesce(sum(o)::numeric / nullif(sum(n), 0), 0) as open_rate,
           coalesce(sum(r)::numeric / nullif(sum(n), 0), 0) as reply_rate
      from per_industry
  ), upserted as (
    insert into public.prospect_industry_performance as ip (industry, total_contacted, total_opened, total_replied,
                open_rate, reply_rate, avg_response_time_hours, priority_score, last_updated)
    select i.industry, i.n, i.o, i.r, round(100.0 * i.o / nullif(i.n, 0), 2), round(100.0 * i.r / nullif(i.n, 0), 2),
           round(i.hours, 2),
           round(100 * (0.7 * (i.r + 20 * v.reply_rate) / (i.n + 20) + 0.3 * (i.o + 20 * v.open_rate) / (i.n + 20)), 2),
           now()
      from per_industry i cross join overall v
     where i.n > 0
    on conflict on constraint prospect_industry_performance_industry_key do update
       set total_contacted = excluded.total_contacted, total_opened = excluded.total_opened,
           total_replied = excluded.total_replied, open_rate = excluded.open_rate, reply_rate = excluded.reply_rate,
           avg_response_time_hours = excluded.avg_response_time_hours, priority_score = excluded.priority_score,
           last_updated = excluded.last_updated
    returning 1
  )
  select count(*)::integer into industries from upserted;
  return pg_catalog.jsonb_build_object('industries', industries);
end
$$;
comment on function public.refresh_industry_performance() is
  'Recompute prospect_industry_performance from the outreach e-mails of each industry''s prospects: prospects '
  'contacted, opened, replied, rates, average hours to the first reply and priority_score 0-100 (definition in '
  'functions/outreach_metrics.sql). service_role; scheduled hourly as avenir-industry-performance.';
revoke execute on function public.refresh_industry_performance() from public, anon, authenticated;
grant execute on function public.refresh_industry_performance() to service_role;
