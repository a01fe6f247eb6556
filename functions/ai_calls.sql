-- What the OpenAI provider needs from the database (issue 12): the prompt text of a language and
-- the quality of each call. service_role only.
--
-- active_prompt stands in for prompt selection until choose_prompt_variant (the learning loop)
-- lands: it returns the one active variant of a prompt in a language (best score, then newest).

create or replace function public.active_prompt(prompt_name text, language text)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object('prompt_name', r.prompt_name, 'variant_id', r.variant_id, 'prompt_text', r.prompt_text,
                            'language', r.language)
    from public.prompt_registry r
   where r.prompt_name = active_prompt.prompt_name and r.language = active_prompt.language and r.is_active
   order by r.score desc, r.variant_version desc
   limit 1
$$;
comment on function public.active_prompt(text, text) is
  'The active variant of a prompt in a language (best score, then newest) as {prompt_name, variant_id, '
  'prompt_text, language}; null when none. A stand-in for choose_prompt_variant (service_role).';
revoke execute on function public.active_prompt(text, text) from public, anon, authenticated;
grant execute on function public.active_prompt(text, text) to service_role;

create or replace function public.annotate_prompt_execution(execution_id text, quality jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  run public.prompt_performance;
begin
  if quality is null or jsonb_typeof(quality) <> 'object' then
    raise exception using errcode = 'invalid_parameter_value',
      message = 'quality must be a JSON object',
      hint = 'Pass {json_valid, completeness, tokens_in, tokens_out, model, fallback, error}.';
  end if;
  update public.prompt_performance p
     set consistency_score = case when jsonb_typeof(quality -> 'json_valid') = 'boolean'
                                  then case when (quality ->> 'json_valid')::boolean then 1 else 0 end end,
         completeness_score = least(greatest((quality ->> 'completeness')::numeric, 0), 1),
         error_occurred = coalesce(quality ->> 'error', '') <> '',
         error_message = left(nullif(quality ->> 'error', ''), 2000),
         input_data = p.input_data || jsonb_strip_nulls(jsonb_build_object(
           'model', quality ->> 'model', 'tokens_in', quality -> 'tokens_in', 'tokens_out', quality -> 'tokens_out',
           'fallback', quality -> 'fallback'))
   where p.execution_id = execution_id
  returning * into run;
  if not found then
    return jsonb_build_object('applied', false, 'reason', 'no such execution');
  end if;
  update public.performance_metrics m
     set metadata = m.metadata || jsonb_strip_nulls(jsonb_build_object(
           'tokens_in', quality -> 'tokens_in', 'tokens_out', quality -> 'tokens_out', 'cost_usd', run.cost_usd,
           'json_valid', quality -> 'json_valid', 'completeness', quality -> 'completeness',
           'fallback', quality -> 'fallback')),
         error_count = m.error_count + case when run.error_occurred then 1 else 0 end
   where m.client_id is not distinct from run.client_id and m.event_type = 'ai_analysis'
     and m.metadata ->> 'execution_id' = execution_id;
  return jsonb_build_object('applied', true, 'execution_id', execution_id);
end
$$;
comment on function public.annotate_prompt_execution(text, jsonb) is
  'Add the quality checks of one AI call to its prompt_performance row and ai_analysis metric (service_role, '
  'after record_lead_enrichment in the same transaction): JSON validity (consistency_score), field completeness, '
  'error, tokens in/out, model and a fallback to the offline provider.';
revoke execute on function public.annotate_prompt_execution(text, jsonb) from public, anon, authenticated;
grant execute on function public.annotate_prompt_execution(text, jsonb) to service_role;
