-- Writing one lead's AI enrichment: the worker's lead_enrichment handler calls the provider,
-- then this ONE function in the same transaction as complete_job. service_role only.
-- The learning loop lives here too, so the worker needs no change for it: a running A/B test of
-- the prompt attributes the execution to the lead's sticky arm (choose_prompt_variant), and the
-- client's own corrections are consulted before the general classifier's answer is kept.

create or replace function public.record_lead_enrichment(
  lead_id uuid,
  analysis jsonb,
  prompt jsonb,
  execution_id text,
  response_time_ms integer default null
) returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  lead public.lead_memory;
  prompt_id uuid;
  feedback_id uuid;
  variant text := prompt ->> 'variant_id';
  confidence numeric(3, 2);
  stamp jsonb;
  prediction jsonb;
  chosen jsonb;
  general jsonb := analysis;
begin
  if analysis is null or jsonb_typeof(analysis) <> 'object'
     or coalesce(analysis ->> 'urgency', '') not in ('High', 'Medium', 'Low')
     or coalesce(analysis ->> 'language', '') not in ('en', 'fr')
     or not coalesce(analysis ->> 'tone' = any (private.lead_tones()), false)
     or jsonb_typeof(analysis -> 'confidence') is distinct from 'number'
     or (analysis ->> 'confidence')::numeric not between 0 and 1 then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('invalid lead analysis %s', analysis),
      hint = 'Give language en|fr, urgency High|Medium|Low, a tone among '
             || pg_catalog.array_to_string(private.lead_tones(), ', ') || ' and a confidence in 0..1.';
  end if;
  if not exists (select 1 from public.intent_translations t where t.intent_en = analysis ->> 'intent') then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('intent %L is not in the taxonomy', analysis ->> 'intent'),
      hint = 'Use an intent_en value of public.intent_translations.';
  end if;
  if variant is null or coalesce(btrim(prompt ->> 'prompt_name'), '') = '' or coalesce(btrim(execution_id), '') = '' then
    raise exception using errcode = 'invalid_parameter_value',
      message = 'prompt_name, variant_id and execution_id are required',
      hint = 'Pass the provider''s PromptInfo and a key unique to the job, e.g. job:<id>.';
  end if;

  -- Exactly once per execution: a job that runs again finds its own trace and stops here.
  if exists (select 1 from public.prompt_performance p where p.execution_id = execution_id) then
    return jsonb_build_object('applied', false, 'reason', 'already recorded', 'execution_id', execution_id);
  end if;
  select * into lead from public.lead_memory l where l.id = lead_id for update;
  if not found then
    return jsonb_build_object('applied', false, 'reason', 'lead not found', 'lead_id', lead_id);
  end if;

  -- Under a running A/B test of this prompt, the lead's arm is the variant (sticky per lead).
  chosen := public.choose_prompt_variant(prompt ->> 'prompt_name', analysis ->> 'language', lead.id::text);
  if chosen ->> 'assignment' in ('control', 'treatment') then
    variant := chosen ->> 'variant_id';
  end if;
  -- The client's corrected examples first: a systematic error it fixed stays fixed for it.
  analysis := private.apply_client_corrections(lead.client_id, lead.message, analysis);

  -- The prompt variant that produced the analysis (registered on first use).
  select r.id into prompt_id from public.prompt_registry r where r.variant_id = variant;
  if prompt_id is null then
    insert into public.prompt_registry as r (prompt_name, variant_version, variant_id, prompt_text, language)
    select prompt ->> 'prompt_name', coalesce(max(x.variant_version), 0) + 1, variant,
           coalesce(prompt ->> 'prompt_text', variant), coalesce(prompt ->> 'language', 'en')
      from public.prompt_registry x
     where x.prompt_name = prompt ->> 'prompt_name' and x.language = coalesce(prompt ->> 'language', 'en')
    on conflict (variant_id) do update set prompt_text = r.prompt_text
    returning r.id into prompt_id;
  end if;

  confidence := round((analysis ->> 'confidence')::numeric, 2);
  stamp := jsonb_build_object('at', now(), 'prompt', variant);
  prediction := jsonb_build_object(
    'intent', analysis ->> 'intent', 'tone', analysis ->> 'tone', 'urgency', analysis ->> 'urgency',
    'confidence', confidence, 'language', analysis ->> 'language', 'summary_en', analysis ->> 'summary_en',
    'summary_fr', analysis ->> 'summary_fr', 'prompt', variant, 'predicted_at', now())
    || case when analysis ? 'corrections_applied' then pg_catalog.jsonb_build_object(
         'corrections_applied', analysis -> 'corrections_applied',
         'general', pg_catalog.jsonb_build_object('intent', general ->> 'intent', 'tone', general ->> 'tone',
                                                  'urgency', general ->> 'urgency')) else '{}' end
    || case when chosen ->> 'assignment' in ('control', 'treatment') then pg_catalog.jsonb_build_object(
         'ab_test', chosen ->> 'test_name', 'arm', chosen ->> 'assignment') else '{}' end;

  update public.lead_memory l
     set intent = analysis ->> 'intent', tone = analysis ->> 'tone', urgency = analysis ->> 'urgency',
         confidence_score = confidence, language = analysis ->> 'language',
         -- One text column: the summary in the client's own language (both live in feedback_tracking).
         ai_summary = case when (select c.language from public.clients c where c.client_id = lead.client_id) = 'fr'
                           then coalesce(analysis ->> 'summary_fr', analysis ->> 'summary_en')
                           else coalesce(analysis ->> 'summary_en', analysis ->> 'summary_fr') end,
         tone_history = l.tone_history || jsonb_build_array(stamp || jsonb_build_object('value', analysis ->> 'tone')),
         urgency_history = l.urgency_history
                           || jsonb_build_array(stamp || jsonb_build_object('value', analysis ->> 'urgency')),
         confidence_history = l.confidence_history || jsonb_build_array(stamp || jsonb_build_object('value', confidence))
   where l.id = lead.id;

  -- The prediction waits in the lead's pending lead_conversion row for its real outcome.
  select f.id into feedback_id
    from public.feedback_tracking f
   where f.client_id = lead.client_id and f.lead_id = lead.id
     and f.action_type = 'lead_conversion' and f.outcome is null
   order by f.created_at
   limit 1
     for update;
  if feedback_id is null then
    insert into public.feedback_tracking (lead_id, client_id, action_type, confidence_score, context_data)
    values (lead.id, lead.client_id, 'lead_conversion', confidence, jsonb_build_object('prediction', prediction))
    returning id into feedback_id;
  else
    update public.feedback_tracking f
       set confidence_score = confidence, context_data = f.context_data || jsonb_build_object('prediction', prediction)
     where f.id = feedback_id;
  end if;

  insert into public.prompt_performance (prompt_registry_id, execution_id, client_id, input_data, output_data,
                                         response_time_ms, token_count, cost_usd, feedback_id)
  values (prompt_id, execution_id, lead.client_id,
          jsonb_build_object('lead_id', lead.id, 'message_chars', char_length(lead.message),
                             'language_hint', lead.language),
          analysis, response_time_ms, coalesce((prompt ->> 'token_count')::integer, 0),
          coalesce((prompt ->> 'cost_usd')::numeric, 0), feedback_id);

  insert into public.performance_metrics (event_type, metric_name, metric_value, metric_unit, response_time_ms,
                                          source_component, client_id, metadata)
  values ('ai_analysis', 'response_time', coalesce(response_time_ms, 0), 'ms', response_time_ms, 'ai_worker',
          lead.client_id, jsonb_build_object('lead_id', lead.id, 'execution_id', execution_id, 'prompt', variant,
                                             'model', prompt ->> 'model'));

  -- Last: every enrichment bumps this one row, so its lock is held only until the commit.
  update public.prompt_registry r set usage_count = r.usage_count + 1 where r.id = prompt_id;

  return jsonb_build_object('applied', true, 'lead_id', lead.id, 'feedback_id', feedback_id,
                            'prompt_registry_id', prompt_id, 'intent', analysis ->> 'intent');
end
$$;
comment on function public.record_lead_enrichment(uuid, jsonb, jsonb, text, integer) is
  'Write one AI analysis of a lead (service_role): intent, tone, urgency, confidence, language, summary, the three '
  'histories, the prompt variant and its execution, the ai_analysis response time and the pending lead_conversion '
  'prediction. Once per execution_id: a second call changes nothing. A running A/B test of the prompt assigns the '
  'variant (choose_prompt_variant on the lead id); the client''s own corrections may override fields '
  '(prediction.corrections_applied).';
revoke execute on function public.record_lead_enrichment(uuid, jsonb, jsonb, text, integer)
  from public, anon, authenticated;
grant execute on function public.record_lead_enrichment(uuid, jsonb, jsonb, text, integer) to service_role;
