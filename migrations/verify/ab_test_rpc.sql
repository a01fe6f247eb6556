-- Verify avenir:ab_test_rpc on pg
do $$
declare
  fn text;
begin
  foreach fn in array array['public.evaluate_ab_tests()', 'private.ab_test_look(public.prompt_ab_tests, timestamptz)'] loop
    if to_regprocedure(fn) is null then
      raise exception 'function % is missing', fn;
    end if;
    if has_function_privilege('anon', fn, 'execute') then
      raise exception 'anon must not execute %', fn;
    end if;
  end loop;
  if has_function_privilege('authenticated', 'public.evaluate_ab_tests()', 'execute') then
    raise exception 'evaluate_ab_tests is for service_role only';
  end if;
end
$$;
