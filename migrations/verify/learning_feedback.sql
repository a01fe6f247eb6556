-- Verify avenir:learning_feedback on pg
\set functions 'public.correct_lead_analysis(uuid, text, text, text);public.learning_pass(integer);private.apply_client_corrections(uuid, text, jsonb)'
\ir lib/closed_functions.sql
do $$
begin
  if not exists (select from pg_trigger where tgname = 'lead_actions_record_outcome') then
    raise exception 'trigger lead_actions_record_outcome is missing';
  end if;
  if has_function_privilege('authenticated', 'public.learning_pass(integer)', 'execute') then
    raise exception 'learning_pass is for service_role only';
  end if;
end
$$;
