-- Verify avenir:learning_feedback on pg
do $$
declare
  fn text;
begin
  foreach fn in array array['public.correct_lead_analysis(uuid, text, text, text)', 'public.learning_pass(integer)', 'private.apply_client_corrections(uuid, text, jsonb)'] loop
    if to_regprocedure(fn) is null then
      raise exception 'function % is missing', fn;
    end if;
    if has_function_privilege('anon', fn, 'execute') then
      raise exception 'anon must not execute %', fn;
    end if;
  end loop;
  if not exists (select from pg_trigger where tgname = 'lead_actions_record_outcome') then
    raise exception 'trigger lead_actions_record_outcome is missing';
  end if;
  if has_function_privilege('authenticated', 'public.learning_pass(integer)', 'execute') then
    raise exception 'learning_pass is for service_role only';
  end if;
end
$$;
