-- Verify avenir:ai_calls on pg
do $$
declare
  fn text;
begin
  foreach fn in array array['public.active_prompt(text,text)','public.annotate_prompt_execution(text,jsonb)'] loop
    if to_regprocedure(fn) is null then
      raise exception 'function % is missing', fn;
    end if;
    if not has_function_privilege('service_role', fn, 'execute')
       or has_function_privilege('anon', fn, 'execute') or has_function_privilege('authenticated', fn, 'execute') then
      raise exception '% must be executable by service_role only', fn;
    end if;
  end loop;
end
$$;
