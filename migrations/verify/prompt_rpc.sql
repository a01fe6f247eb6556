-- Verify avenir:prompt_rpc on pg
\set functions 'public.register_prompt_variant(text, text, text, text, boolean);public.choose_prompt_variant(text, text, text);public.record_prompt_execution(text, text, uuid, jsonb, jsonb, numeric, numeric, integer, integer, numeric, boolean, text, smallint, text);public.evolve_prompt(uuid, text, text, text, uuid, text[], jsonb, text, boolean);public.prompt_lineage(uuid)'
\ir lib/closed_functions.sql
do $$
begin
  if has_function_privilege('authenticated', 'public.choose_prompt_variant(text, text, text)', 'execute')
     or not has_function_privilege('service_role', 'public.choose_prompt_variant(text, text, text)', 'execute') then
    raise exception 'the prompt registry functions are for service_role only';
  end if;
end
$$;
