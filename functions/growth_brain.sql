-- The growth brain (the "Growth Copilot"): per client, one pass of SQL over its active leads for
-- every figure, then private.growth_insights (PL/Python over python_udfs.growth_insights, or the
-- plain placeholder of functions/learning_defaults.sql) for the trend test and the wording.

create or replace function private.tone_sentiment_weight(tone text)
returns numeric
language sql
immutable
set search_path = ''
as $$
  -- How much a tone signals a professional, positive exchange (1) or friction (0).
  select case tone
    when 'Professional' then 1.0 when 'Formal' then 0.9 when 'Enthusiastic' then 0.85 when 'Friendly' then 0.75
    when 'Casual' then 0.5 when 'Urgent' then 0.4 when 'Frustrated' then 0.0 end
$$;
comment on function private.tone_sentiment_weight(text) is
  'Weight of a tone in tone_sentiment_score: Professional 1, Formal 0.9, Enthusiastic 0.85, Friendly 0.75, '
  'Casual 0.5, Urgent 0.4, Frustrated 0; null for an unknown tone.';
revoke execute on function private.tone_sentiment_weight(text) from public;
grant execute on function private.tone_sentiment_weight(text) to service_role;

create or replace function private.growth_brain_figures(client uuid, as_of timestamptz)
returns jsonb
language sql
stable
set search_path = ''
-- The fold's group count is overestimated for a parameter (tens of thousands for a few hundred):
-- with the default 4 MB the planner sorts a million leads on disk instead of hashing them (6x slower).
set work_mem = '32MB'
as $$
  with cube as (
    -- One scan of the active leads (not archived, not deleted, not test leads unless the client is
    -- a test client), folded into one row per (intent, tone, urgency, language, week): every
    -- distribution below is a sum over these few rows.
    select l.intent, l.tone, l.urgency, l.language,
           pg_catalog.floor(pg_catalog.date_part('epoch', as_of - l.created_at) / 604800)::integer as week_ago,
           count(*) as n, count(l.confidence_score) as confidence_n, sum(l.confidence_score) as confidence_sum,
           count(*) filter (where l.current_tag = 'Converted') as converted,
           count(*) filter (where l.current_tag is not null) as tagged,
           min(l.created_at) as first_at, max(l.created_at) as last_at
      from public.lead_memory l
      join public.clients c on c.client_id = l.client_id
     where l.client_id = client and not l.deleted and not l.archived and (c.is_test or not l.is_test)
       and l.created_at <= as_of
     group by 1, 2, 3, 4, 5
  ), g as (
    -- The distributions, from the folded rows (set_bits as grouping() numbers them).
    select grouping(intent, tone, urgency, language, week_ago) as set_bits, intent, tone, urgency, language, week_ago,
           sum(n) as n, sum(n) filter (where urgency is not null) as urgency_n,
           coalesce(sum(n) filter (where urgency = 'High'), 0) as high,
           coalesce(sum(n) filter (where urgency = 'Medium'), 0) as medium,
           sum(confidence_n) as confidence_n, sum(confidence_sum) / nullif(sum(confidence_n), 0) as confidence,
           sum(n * private.tone_sentiment_weight(tone))
             / nullif(sum(n) filter (where private.tone_sentiment_weight(tone) is not null), 0) as sentiment,
           sum(converted) as converted, sum(tagged) as tagged, min(first_at) as first_at, max(last_at) as last_at
      from cube
     group by grouping sets ((), (intent), (tone), (urgency), (language), (week_ago))
  ), total as (
    select * from g where set_bits = 31
  ), intents as (
    select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'intent', x.intent, 'intent_fr', t.intent_fr, 'count', x.n,
             'share', round(x.n::numeric / x.known, 4), 'n', x.known) order by x.n desc, x.intent), '[]') as top
      from (select g.intent, g.n, sum(g.n) over () as known
              from g where g.set_bits = 15 and g.intent is not null
             order by g.n desc, g.intent limit 5) x
      left join public.intent_translations t on t.intent_en = x.intent
  ), known_intents as (
    select coalesce(sum(g.n), 0) as n from g where g.set_bits = 15 and g.intent is not null
  ), tones as (
    select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'tone', x.tone, 'count', x.n, 'share', round(x.n::numeric / x.known, 4), 'n', x.known)
             order by x.n desc, x.tone), '[]') as dist
      from (select g.tone, g.n, sum(g.n) over () as known from g where g.set_bits = 23 and g.tone is not null) x
  ), urgencies as (
    select coalesce(sum(g.n) filter (where g.urgency = 'High'), 0) as high,
           coalesce(sum(g.n) filter (where g.urgency = 'Medium'), 0) as medium,
           coalesce(sum(g.n) filter (where g.urgency = 'Low'), 0) as low
      from g where g.set_bits = 27
  ), languages as (
    select coalesce(sum(g.n) filter (where g.language = 'en'), 0) as en,
           coalesce(sum(g.n) filter (where g.language = 'fr'), 0) as fr
      from g where g.set_bits = 29
  ), weeks as (
    select g.week_ago, g.n, g.urgency_n, g.high, g.confidence_n, g.confidence from g where g.set_bits = 30
  ), trajectory as (
    -- The last 12 rolling weeks (week 0 ends at as_of) since the first lead, empty weeks included.
    select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'week_start', as_of - (w + 1) * interval '7 days', 'week_end', as_of - w * interval '7 days',
             'avg_confidence', round(k.confidence, 2), 'n', coalesce(k.confidence_n, 0)) order by w desc), '[]') as points
      from total
      cross join lateral pg_catalog.generate_series(
        0, least(11, pg_catalog.floor(extract(epoch from (as_of - total.first_at)) / 604800)::integer)) as w
      left join weeks k on k.week_ago = w
     where total.n > 0
  ), trend as (
    select coalesce(max(w.urgency_n) filter (where w.week_ago = 0), 0) as current_n,
           coalesce(max(w.high) filter (where w.week_ago = 0), 0) as current_high,
           coalesce(max(w.urgency_n) filter (where w.week_ago = 1), 0) as previous_n,
           coalesce(max(w.high) filter (where w.week_ago = 1), 0) as previous_high
      from weeks w
  )
  select pg_catalog.jsonb_build_object(
    'total_leads', coalesce(total.n, 0),
    'analysis_period_start', coalesce(total.first_at, as_of),
    'analysis_period_end', as_of,
    'top_intents', intents.top,
    'urgency_distribution', pg_catalog.jsonb_build_object(
      'high', u.high, 'medium', u.medium, 'low', u.low, 'n', u.high + u.medium + u.low,
      'shares', pg_catalog.jsonb_build_object(
        'high', round(u.high::numeric / nullif(u.high + u.medium + u.low, 0), 4),
        'medium', round(u.medium::numeric / nullif(u.high + u.medium + u.low, 0), 4),
        'low', round(u.low::numeric / nullif(u.high + u.medium + u.low, 0), 4))),
    'trend', pg_catalog.jsonb_build_object(
      'current_n', trend.current_n, 'current_high', trend.current_high,
      'previous_n', trend.previous_n, 'previous_high', trend.previous_high,
      'change_points', case when trend.current_n > 0 and trend.previous_n > 0 then round(
        100 * (trend.current_high::numeric / trend.current_n - trend.previous_high::numeric / trend.previous_n), 2) end),
    'tone_distribution', tones.dist,
    'tone_sentiment_score', round(100 * total.sentiment, 2),
    'avg_confidence', round(total.confidence, 2),
    'confidence_n', coalesce(total.confidence_n, 0),
    'confidence_trajectory', trajectory.points,
    'language_ratio', pg_catalog.jsonb_build_object(
      'en', coalesce(round(100 * lang.en::numeric / nullif(lang.en + lang.fr, 0), 2), 0),
      'fr', coalesce(round(100 * lang.fr::numeric / nullif(lang.en + lang.fr, 0), 2), 0),
      'n', lang.en + lang.fr),
    'conversion', pg_catalog.jsonb_build_object('converted', coalesce(total.converted, 0), 'n', coalesce(total.n, 0)),
    'known_intents', ki.n,
    -- Engagement, 0-100: 40 % conversion rate, 25 % share of leads the client worked on (tagged),
    -- 15 % urgency mix (High 1, Medium 0.5), 20 % recency (1 for a lead today, 0 after 30 days).
    'engagement_score', coalesce(round(100 * (
        0.40 * total.converted::numeric / nullif(total.n, 0)
      + 0.25 * total.tagged::numeric / nullif(total.n, 0)
      + 0.15 * (total.high + 0.5 * total.medium)::numeric / nullif(total.n, 0)
      + 0.20 * greatest(0, 1 - extract(epoch from (as_of - total.last_at)) / (30 * 86400))), 2), 0))
    from intents, known_intents ki, tones, urgencies u, languages lang, trajectory, trend
    left join total on true
$$;
comment on function private.growth_brain_figures(uuid, timestamptz) is
  'Every figure of a client''s growth brain as of a time, in one scan of its active leads (folded by '
  'intent, tone, urgency, language and week, then grouping sets): '
  'counts, shares with their sample sizes, weekly confidence, the week-over-week urgency counts, engagement.';
revoke execute on function private.growth_brain_figures(uuid, timestamptz) from public;
grant execute on function private.growth_brain_figures(uuid, timestamptz) to service_role;

-- The recommendations come as English templates with their arguments ({text, args}, python_udfs.
-- growth_insights); they are worded here, in English and in French, by private.ui_text: the French is
-- the dictionary's (context ui_text, db/seeds/ui_texts.sql), never a second copy in the code.
create or replace function private.word_growth_insights(insights jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
  select pg_catalog.jsonb_build_object('basis', insights -> 'basis')
         || pg_catalog.jsonb_object_agg(l.lang, pg_catalog.jsonb_build_object(
              'summary', private.ui_text(insights -> 'summary' ->> 'text', l.lang, variadic array(
                           select pg_catalog.jsonb_array_elements_text(insights -> 'summary' -> 'args'))),
              'recommendations', coalesce((
                select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                         'code', r.value ->> 'code', 'sample_size', r.value -> 'sample_size',
                         'text', private.ui_text(r.value ->> 'text', l.lang, variadic array(
                                   select pg_catalog.jsonb_array_elements_text(r.value -> 'args'))))
                         order by r.ordinality)
                  from pg_catalog.jsonb_array_elements(insights -> 'recommendations') with ordinality r), '[]')))
    from (values ('en'), ('fr')) l(lang));
end
$$;
comment on function private.word_growth_insights(jsonb) is
  'The growth brain''s recommendations ({summary, recommendations: [{code, sample_size, text, args}], basis}, '
  'English templates) worded in both languages: {en, fr, basis}, the French from the dictionary (private.ui_text).';
revoke execute on function private.word_growth_insights(jsonb) from public;
grant execute on function private.word_growth_insights(jsonb) to service_role;

create or replace function private.store_growth_brain(client uuid, as_of timestamptz, figures jsonb, words jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  insert into public.growth_brain as b (
    client_id, analysis_period_start, analysis_period_end, total_leads, top_intents, urgency_distribution,
    urgency_trend_percentage, tone_distribution, tone_sentiment_score, avg_confidence, confidence_trajectory,
    language_ratio, engagement_score, predictive_insights, analyzed_at)
  values (client, (figures ->> 'analysis_period_start')::timestamptz, as_of, (figures ->> 'total_leads')::integer,
          figures -> 'top_intents',
          (figures -> 'urgency_distribution') || pg_catalog.jsonb_build_object('trend', words -> 'urgency_trend'),
          (figures -> 'trend' ->> 'change_points')::numeric, figures -> 'tone_distribution',
          (figures ->> 'tone_sentiment_score')::numeric, (figures ->> 'avg_confidence')::numeric,
          figures -> 'confidence_trajectory', figures -> 'language_ratio', (figures ->> 'engagement_score')::numeric,
          private.word_growth_insights(words -> 'predictive_insights'), as_of)
  on conflict (client_id) do update
    set analysis_period_start = excluded.analysis_period_start, analysis_period_end = excluded.analysis_period_end,
        total_leads = excluded.total_leads, top_intents = excluded.top_intents,
        urgency_distribution = excluded.urgency_distribution,
        urgency_trend_percentage = excluded.urgency_trend_percentage, tone_distribution = excluded.tone_distribution,
        tone_sentiment_score = excluded.tone_sentiment_score, avg_confidence = excluded.avg_confidence,
        confidence_trajectory = excluded.confidence_trajectory, language_ratio = excluded.language_ratio,
        engagement_score = excluded.engagement_score, predictive_insights = excluded.predictive_insights,
        analyzed_at = excluded.analyzed_at;
  return pg_catalog.jsonb_build_object('client_id', client, 'total_leads', (figures ->> 'total_leads')::integer,
                                       'analyzed_at', as_of);
end
$$;
comment on function private.store_growth_brain(uuid, timestamptz, jsonb, jsonb) is
  'UPSERT a client''s growth_brain row from its figures (private.growth_brain_figures) and their wording '
  '(private.growth_insights, or the worker running python_udfs.growth_insights where PL/Python is missing).';
revoke execute on function private.store_growth_brain(uuid, timestamptz, jsonb, jsonb) from public;
grant execute on function private.store_growth_brain(uuid, timestamptz, jsonb, jsonb) to service_role;

create or replace function private.analyse_growth(client uuid, as_of timestamptz default now())
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  figures jsonb := private.growth_brain_figures(client, as_of);
begin
  return private.store_growth_brain(client, as_of, figures, private.growth_insights(figures));
end
$$;
comment on function private.analyse_growth(uuid, timestamptz) is
  'Compute and UPSERT one client''s growth_brain row as of a time (figures in SQL, wording in growth_insights).';
revoke execute on function private.analyse_growth(uuid, timestamptz) from public;

create or replace function public.refresh_growth_brain(client_id uuid default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  claims jsonb := (select auth.jwt());
  target uuid := refresh_growth_brain.client_id;
  current_row public.growth_brain;
  refreshed integer := 0;
  client record;
begin
  -- No claims at all is pg_cron or a DBA's psql session: the service path.
  if claims ->> 'role' is not null and claims ->> 'role' <> 'service_role' then
    -- A client refreshes its own row only (the tenant comes from the JWT).
    if target is not null and target is distinct from private.request_client_id() then
      raise exception using errcode = 'insufficient_privilege',
        message = private.ui_text_both('a client refreshes only its own growth brain'),
        hint = private.ui_text_both('Call refresh_growth_brain with no client_id (or your own).');
    end if;
    target := private.request_client_id();
    -- Bounded work for the dashboard button: at most one analysis a minute per client.
    select * into current_row from public.growth_brain b where b.client_id = target;
    if found and current_row.analyzed_at > pg_catalog.clock_timestamp() - interval '1 minute' then
      return pg_catalog.jsonb_build_object('client_id', target, 'total_leads', current_row.total_leads,
                                           'analyzed_at', current_row.analyzed_at, 'fresh', false);
    end if;
    return private.analyse_growth(target) || '{"fresh": true}';
  end if;

  if target is not null then
    if not exists (select from public.clients c where c.client_id = target) then
      raise exception using errcode = 'PT404', message = pg_catalog.format('client %s not found', target),
        hint = 'Pass the client_id of an existing client, or no client_id to refresh every client.';
    end if;
    return private.analyse_growth(target) || '{"fresh": true}';
  end if;
  -- Every client: the weekly cron run (avenir-growth-brain-weekly).
  if not private.try_task_lock('growth-brain-weekly') then
    return '{"skipped": "a growth brain run is already in progress"}'::jsonb;
  end if;
  for client in select c.client_id from public.clients c order by c.client_id loop
    perform private.analyse_growth(client.client_id);
    refreshed := refreshed + 1;
  end loop;
  return pg_catalog.jsonb_build_object('refreshed', refreshed, 'analyzed_at', now());
end
$$;
comment on function public.refresh_growth_brain(uuid) is
  'The Growth Copilot: analyse a client''s active leads and UPSERT its growth_brain row. authenticated: its own '
  'client (at most once a minute; fresh=false returns the current row); service_role: one client, or every client '
  'with no argument (the weekly cron run, under an advisory lock). Returns {client_id, total_leads, analyzed_at, fresh}.';
revoke execute on function public.refresh_growth_brain(uuid) from public, anon;
grant execute on function public.refresh_growth_brain(uuid) to authenticated, service_role;
