-- Outcomes and corrections, the real results the learning loop learns from:
-- lifecycle events resolve the lead's prediction in feedback_tracking (a trigger on lead_actions),
-- a client corrects the AI on its own lead (correct_lead_analysis), the enrichment consults those
-- corrections (apply_client_corrections), and learning_pass turns the backlog into scores.

create or replace function private.tg_lead_actions__record_outcome()
returns trigger
language plpgsql
set search_path = ''
as $$
-- Outcome rules (impact_score -100..100):
--   tagged Converted                        -> positive, +100
--   re-tagged away from Converted (reason)  -> negative, -100, the reason in the notes
--   archived without a conversion           -> neutral,  -25 (the lead went quiet: no verdict on the AI)
--   deleted without a conversion            -> negative, -50 (irrelevant or spam)
--   reactivated after archive/delete        -> the outcome is reopened (pending again)
-- A lead's converted outcome is not overwritten by archiving or deleting it.
declare
  lead public.lead_memory;
  rule text;
  result text;
  impact numeric;
  note text;       -- the English template; its French is the dictionary's (private.ui_text)
  note_args text[] := '{}'::text[];
  target uuid;
begin
  select * into lead from public.lead_memory l where l.client_id = new.client_id and l.id = new.lead_id;
  if new.action_type = 'tagged' and new.conversion_outcome then
    rule := 'converted'; result := 'positive'; impact := 100;
    note := 'Lead converted';
  elsif new.action_type in ('tagged', 'untagged') and new.reversion_reason is not null then
    rule := 'reverted'; result := 'negative'; impact := -100;
    note := 'Conversion reverted: %1$s'; note_args := array[new.reversion_reason];
  elsif new.action_type in ('archived', 'deleted') and lead.current_tag is distinct from 'Converted' then
    rule := new.action_type;
    result := case new.action_type when 'archived' then 'neutral' else 'negative' end;
    impact := case new.action_type when 'archived' then -25::numeric else -50::numeric end;
    note := case new.action_type when 'archived' then 'Archived without conversion' else 'Deleted without conversion' end;
  elsif new.action_type = 'reactivated' then
    update public.feedback_tracking f
       set outcome = null, impact_score = null, notes = null, notes_en = null, notes_fr = null,
           learning_applied = false, learning_impact = null, processed_at = null,
           context_data = f.context_data - 'outcome'
     where f.client_id = new.client_id and f.lead_id = new.lead_id and f.action_type = 'lead_conversion'
       and f.context_data -> 'outcome' ->> 'rule' in ('archived', 'deleted');
    return null;
  else
    return null;
  end if;

  select f.id into target
    from public.feedback_tracking f
   where f.client_id = new.client_id and f.lead_id = new.lead_id and f.action_type = 'lead_conversion'
   order by f.outcome is null desc, f.created_at desc
   limit 1
     for update;
  if target is null then
    insert into public.feedback_tracking (lead_id, client_id, action_type, confidence_score, context_data)
    values (new.lead_id, new.client_id, 'lead_conversion', lead.confidence_score,
            pg_catalog.jsonb_build_object('prediction', pg_catalog.jsonb_build_object(
              'intent', lead.intent, 'tone', lead.tone, 'urgency', lead.urgency, 'confidence', lead.confidence_score)))
    returning id into target;
  end if;
  update public.feedback_tracking f
     set outcome = result, impact_score = impact, notes = private.ui_text(note, 'en', variadic note_args),
         notes_en = private.ui_text(note, 'en', variadic note_args), notes_fr = private.ui_text(note, 'fr', variadic note_args),
         learning_applied = false, learning_impact = null, processed_at = null,
         context_data = f.context_data || pg_catalog.jsonb_build_object('outcome', pg_catalog.jsonb_build_object(
           'rule', rule, 'action_id', new.id, 'at', new."timestamp", 'reason', new.reversion_reason))
   where f.id = target;
  return null;
end
$$;
comment on function private.tg_lead_actions__record_outcome() is
  'After a lifecycle action, resolve the lead''s lead_conversion feedback: converted +100 positive, reverted -100 '
  'negative (reason in the notes), archived -25 neutral / deleted -50 negative unless converted, reactivated reopens.';
revoke execute on function private.tg_lead_actions__record_outcome() from public;

drop trigger if exists lead_actions_record_outcome on public.lead_actions;
create trigger lead_actions_record_outcome
  after insert on public.lead_actions
  for each row when (new.action_type in ('tagged', 'untagged', 'archived', 'deleted', 'reactivated'))
  execute function private.tg_lead_actions__record_outcome();
comment on trigger lead_actions_record_outcome on public.lead_actions is
  'Lifecycle actions resolve the lead''s prediction in feedback_tracking (private.tg_lead_actions__record_outcome).';

create or replace function public.correct_lead_analysis(lead_id uuid, intent text default null, tone text default null,
                                                        urgency text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.request_client_id();
  target public.lead_memory;
  given jsonb := '{}'::jsonb;
  predicted jsonb;
  changed text[];
  accuracy numeric;
  prediction_id uuid;
  execution uuid;
  feedback uuid;
  stamp jsonb;
begin
  if correct_lead_analysis.intent is null and correct_lead_analysis.tone is null and correct_lead_analysis.urgency is null then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('give at least one of intent, tone, urgency'),
      hint = private.ui_text_both('Send the values the AI should have found, in English or French.');
  end if;
  if correct_lead_analysis.intent is not null then
    given := given || pg_catalog.jsonb_build_object('intent', (
      select t.intent_en from public.intent_translations t
       where pg_catalog.lower(pg_catalog.btrim(correct_lead_analysis.intent)) in (pg_catalog.lower(t.intent_en), pg_catalog.lower(t.intent_fr))));
    if given ->> 'intent' is null then
      raise exception using errcode = 'invalid_parameter_value',
        message = private.ui_text_both('intent %1$L is not in the taxonomy', pg_catalog.left(correct_lead_analysis.intent, 80)),
        hint = private.ui_text_both('Use an intent of GET /intent_translations (intent_en or intent_fr).');
    end if;
  end if;
  if correct_lead_analysis.tone is not null then
    given := given || pg_catalog.jsonb_build_object('tone', private.canonical_term('tone', correct_lead_analysis.tone));
    if given ->> 'tone' is null then
      raise exception using errcode = 'invalid_parameter_value',
        message = private.ui_text_both('tone %1$L is not a known tone', pg_catalog.left(correct_lead_analysis.tone, 80)),
        hint = private.ui_text_both('Use one of %1$s.', private.vocabulary('tone'));
    end if;
  end if;
  if correct_lead_analysis.urgency is not null then
    given := given || pg_catalog.jsonb_build_object('urgency', private.canonical_term('urgency', correct_lead_analysis.urgency));
    if given ->> 'urgency' is null then
      raise exception using errcode = 'invalid_parameter_value',
        message = private.ui_text_both('urgency %1$L is not a known urgency', pg_catalog.left(correct_lead_analysis.urgency, 80)),
        hint = private.ui_text_both('Use one of %1$s.', private.vocabulary('urgency'));
    end if;
  end if;
  target := private.lock_client_lead(caller, correct_lead_analysis.lead_id);

  -- What the AI said: the enrichment's prediction (before any earlier correction), else the lead.
  select f.id, f.context_data -> 'prediction' into prediction_id, predicted
    from public.feedback_tracking f
   where f.client_id = caller and f.lead_id = target.id and f.action_type = 'lead_conversion'
   order by f.created_at desc limit 1;
  predicted := pg_catalog.jsonb_build_object('intent', coalesce(predicted ->> 'intent', target.intent),
                                             'tone', coalesce(predicted ->> 'tone', target.tone),
                                             'urgency', coalesce(predicted ->> 'urgency', target.urgency));
  select coalesce(array_agg(k order by k), '{}') into changed
    from pg_catalog.jsonb_object_keys(given) k where given ->> k is distinct from predicted ->> k;
  accuracy := round(1 - pg_catalog.cardinality(changed)::numeric / (select count(*) from pg_catalog.jsonb_object_keys(given)), 3);

  stamp := pg_catalog.jsonb_build_object('at', pg_catalog.clock_timestamp(), 'prompt', 'client_correction');
  update public.lead_memory l
     set intent = coalesce(given ->> 'intent', l.intent), tone = coalesce(given ->> 'tone', l.tone),
         urgency = coalesce(given ->> 'urgency', l.urgency),
         tone_history = l.tone_history || case when given ? 'tone'
           then pg_catalog.jsonb_build_array(stamp || pg_catalog.jsonb_build_object('value', given ->> 'tone')) else '[]' end,
         urgency_history = l.urgency_history || case when given ? 'urgency'
           then pg_catalog.jsonb_build_array(stamp || pg_catalog.jsonb_build_object('value', given ->> 'urgency')) else '[]' end
   where l.id = target.id;
  insert into public.lead_actions (lead_id, client_id, action_type, performed_by, "timestamp")
  values (target.id, caller, 'analysis_corrected', private.performed_by(), pg_catalog.clock_timestamp());

  -- The execution that produced the prediction is judged: its accuracy is the share of the given
  -- fields it had right, the lowest over the client's judgments (a later confirmation of another
  -- field does not undo an earlier correction).
  select p.id into execution from public.prompt_performance p
   where p.feedback_id = prediction_id order by p.executed_at desc limit 1;
  if execution is not null then
    update public.prompt_performance p set accuracy_score = least(coalesce(p.accuracy_score, 1), accuracy)
     where p.id = execution;
  end if;

  insert into public.feedback_tracking (lead_id, client_id, action_type, outcome, confidence_score, impact_score,
                                        context_data, notes, notes_en, notes_fr)
  select target.id, caller, 'user_action', case when pg_catalog.cardinality(changed) = 0 then 'positive' else 'negative' end,
         1, case when pg_catalog.cardinality(changed) = 0 then 25 else round(-100 * (1 - accuracy), 2) end,
         pg_catalog.jsonb_build_object('kind', 'correction', 'predicted', predicted, 'corrected', given,
                                       'changed', pg_catalog.to_jsonb(changed), 'accuracy', accuracy,
                                       'prompt_performance_id', execution, 'prediction_id', prediction_id),
         en, en, fr
    from (select case when pg_catalog.cardinality(changed) = 0 then 'Client confirmed the analysis'
                      else 'Client corrected ' || (select string_agg(pg_catalog.format('%s: %s -> %s', k, predicted ->> k, given ->> k), ', ')
                                                     from unnest(changed) k) end as en,
                 case when pg_catalog.cardinality(changed) = 0 then 'Le client a confirmé l''analyse'
                      else 'Le client a corrigé ' || (select string_agg(pg_catalog.format('%s : %s -> %s', k, predicted ->> k, given ->> k), ', ')
                                                        from unnest(changed) k) end as fr) notes
  returning id into feedback;

  return pg_catalog.jsonb_build_object('lead_id', target.id, 'corrected', given, 'predicted', predicted,
                                       'changed', pg_catalog.to_jsonb(changed), 'accuracy', accuracy,
                                       'feedback_id', feedback);
end
$$;
comment on function public.correct_lead_analysis(uuid, text, text, text) is
  'The client corrects the AI on one of its own leads (authenticated; English or French values): the lead takes '
  'the corrected intent/tone/urgency, an analysis_corrected row goes to lead_actions, a user_action feedback row '
  'keeps predicted vs corrected (ground truth for ai_accuracy, variant accuracy and later predictions) and the '
  'execution that predicted it gets accuracy_score. Returns {lead_id, corrected, predicted, changed, accuracy}.';
revoke execute on function public.correct_lead_analysis(uuid, text, text, text) from public, anon;
grant execute on function public.correct_lead_analysis(uuid, text, text, text) to authenticated;

create or replace function private.apply_client_corrections(client uuid, message text, analysis jsonb)
returns jsonb
language sql
stable
set search_path = ''
as $$
  -- Nearest neighbours among the client's own judged examples: for each field, the client's
  -- corrections (and confirmations) of leads for which the AI predicted the same value, whose
  -- message is trigram-similar (>= 0.3) to this one. When at least 2 such neighbours exist and the
  -- most similar-weighted verdict differs from the AI's, the client's verdict wins.
  with examples as (
    select f.context_data, lm.message
      from public.feedback_tracking f
      join public.lead_memory lm on lm.client_id = f.client_id and lm.id = f.lead_id
     where f.client_id = client and f.action_type = 'user_action' and f.context_data ->> 'kind' = 'correction'
     order by f.created_at desc
     limit 500
  ), votes as (
    select field, e.context_data -> 'corrected' ->> field as verdict,
           extensions.similarity(e.message, apply_client_corrections.message) as sim
      from examples e
      cross join unnest(array['intent', 'tone', 'urgency']) field
     where e.context_data -> 'corrected' ? field
       and e.context_data -> 'predicted' ->> field = analysis ->> field
  ), ranked as (
    select field, verdict, count(*) as support, sum(sim) as weight,
           row_number() over (partition by field order by sum(sim) desc, verdict) as rank,
           sum(count(*)) over (partition by field) as neighbours
      from votes where sim >= 0.3
     group by field, verdict
  ), applied as (
    select field, verdict, support, neighbours from ranked
     where rank = 1 and neighbours >= 2 and verdict is distinct from analysis ->> field
  )
  select case when not exists (select from applied) then analysis
    else analysis
         || (select pg_catalog.jsonb_object_agg(field, verdict) from applied)
         || pg_catalog.jsonb_build_object('corrections_applied', (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
              'field', field, 'general', analysis ->> field, 'client', verdict, 'support', support,
              'neighbours', neighbours) order by field) from applied))
  end
$$;
comment on function private.apply_client_corrections(uuid, text, jsonb) is
  'The client''s own corrections, consulted before the general classifier''s answer is kept: per field, the '
  'trigram-nearest (similarity >= 0.3) of its last 500 corrections of the same predicted value; with 2 or more '
  'neighbours the best-weighted verdict replaces the AI''s and corrections_applied says so. Other clients unaffected.';
revoke execute on function private.apply_client_corrections(uuid, text, jsonb) from public;
grant execute on function private.apply_client_corrections(uuid, text, jsonb) to service_role;

create or replace function public.learning_pass(batch integer default 5000)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  ids uuid[];
  expired integer;
  processed integer;
  accepted integer;
  rescored integer;
  metrics integer;
  evolutions integer;
begin
  if batch is null or batch not between 1 and 100000 then
    raise exception using errcode = 'invalid_parameter_value', message = pg_catalog.format('batch %s is not in 1..100000', batch),
      hint = 'Process at most 100000 feedback rows per pass.';
  end if;
  if not private.try_task_lock('learning-pass') then
    return '{"skipped": "a learning pass is already in progress"}'::jsonb;
  end if;

  with gone as (
    delete from public.feedback_tracking f
     where f.id in (select x.id from public.feedback_tracking x where x.expires_at < now() limit batch)
    returning 1)
  select count(*)::integer into expired from gone;

  select coalesce(array_agg(x.id), '{}') into ids
    from (select f.id from public.feedback_tracking f
           where not f.learning_applied and f.outcome is not null
           order by f.created_at
           limit batch
             for update skip locked) x;

  -- A lead whose outcome is known and whose analysis the client never corrected: the analysis is
  -- taken as right (accuracy 1) for its execution.
  with judged as (
    update public.prompt_performance p set accuracy_score = 1
      from public.feedback_tracking b
     where b.id = any (ids) and b.action_type = 'lead_conversion' and p.feedback_id = b.id and p.accuracy_score is null
       and not exists (select from public.feedback_tracking c
                        where c.client_id = b.client_id and c.lead_id = b.lead_id and c.action_type = 'user_action'
                          and c.context_data ->> 'kind' = 'correction')
    returning 1)
  select count(*)::integer into accepted from judged;

  -- ai_accuracy per client from this batch's corrections: the client's ground truth.
  with corrections as (
    select b.client_id, count(*) as n, avg((b.context_data ->> 'accuracy')::numeric) as accuracy
      from public.feedback_tracking b
     where b.id = any (ids) and b.action_type = 'user_action' and b.context_data ->> 'kind' = 'correction'
     group by b.client_id
  ), written as (
    insert into public.performance_metrics (event_type, metric_name, metric_value, metric_unit, ai_accuracy,
                                            source_component, client_id, metadata)
    select 'ai_analysis', 'accuracy', round(100 * c.accuracy, 2), 'percent', round(c.accuracy, 3),
           'intelligence_engine', c.client_id,
           pg_catalog.jsonb_build_object('sample_size', c.n, 'source', 'client corrections', 'window', 'learning_pass')
      from corrections c
    returning 1)
  select count(*)::integer into metrics from written;

  select private.refresh_prompt_scores(coalesce(array_agg(distinct p.prompt_registry_id), '{}')) into rescored
    from public.prompt_performance p
    join public.feedback_tracking b on b.id = any (ids)
     and (p.feedback_id = b.id or p.id = (b.context_data ->> 'prompt_performance_id')::uuid);

  -- improvement_score once the child has 30 judged executions: its gain over the parent's mean
  -- quality as a share of what the parent left to gain, 0 when it is no better.
  with scored as (
    update public.prompt_evolution e
       set child_performance = private.variant_performance(e.child_prompt_id),
           improvement_score = round(greatest(0, least(1,
             ((private.variant_performance(e.child_prompt_id) ->> 'mean_quality')::numeric
              - coalesce((e.parent_performance ->> 'mean_quality')::numeric, 0))
             / nullif(1 - coalesce((e.parent_performance ->> 'mean_quality')::numeric, 0), 0))), 3)
     where e.improvement_score is null
       and (private.variant_performance(e.child_prompt_id) ->> 'judged')::integer >= 30
    returning 1)
  select count(*)::integer into evolutions from scored;

  -- learning_impact: a correction that changed something 1, a confirmation 0.2, a lead outcome |impact| / 200.
  update public.feedback_tracking f
     set learning_applied = true, processed_at = now(),
         learning_impact = case
           when f.action_type = 'user_action' and f.context_data ->> 'kind' = 'correction'
             then case when pg_catalog.jsonb_array_length(f.context_data -> 'changed') > 0 then 1 else 0.2 end
           else round(abs(coalesce(f.impact_score, 0)) / 200, 3) end
   where f.id = any (ids);
  get diagnostics processed = row_count;

  return pg_catalog.jsonb_build_object('processed', processed, 'expired_removed', expired,
                                       'executions_accepted', accepted, 'variants_rescored', rescored,
                                       'accuracy_metrics', metrics, 'evolutions_scored', evolutions);
end
$$;
comment on function public.learning_pass(integer) is
  'The learning loop''s periodic pass (service_role; cron avenir-learning-pass, hourly, advisory-locked): removes '
  'expired feedback, then for up to batch resolved rows: uncorrected resolved leads make their execution accurate, '
  'corrections become ai_accuracy metrics per client, variant scores and evolution improvement_scores are '
  'refreshed, rows are marked learning_applied with learning_impact. Returns the counts.';
revoke execute on function public.learning_pass(integer) from public, anon, authenticated;
grant execute on function public.learning_pass(integer) to service_role;
