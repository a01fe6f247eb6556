-- Verify avenir:ab_test_rpc on pg
\set functions 'public.evaluate_ab_tests();private.ab_test_look(public.prompt_ab_tests, timestamptz);private.apply_ab_look(public.prompt_ab_tests, jsonb)'
\ir lib/closed_functions.sql
do $$
begin
  if has_function_privilege('authenticated', 'public.evaluate_ab_tests()', 'execute') then
    raise exception 'evaluate_ab_tests is for service_role only';
  end if;
end
$$;
