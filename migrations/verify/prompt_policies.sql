-- Verify avenir:prompt_policies on pg
do $$
declare
  t text;
begin
  foreach t in array array['prompt_registry', 'prompt_performance', 'prompt_ab_tests', 'prompt_evolution'] loop
    if not exists (select from pg_policies where schemaname = 'public' and tablename = t
                   and policyname = t || '_select_service_role') then
      raise exception 'public.% has no service_role policies', t;
    end if;
  end loop;
  if (select count(*) from pg_policies where schemaname = 'public' and tablename = any (array['prompt_registry', 'prompt_performance', 'prompt_ab_tests', 'prompt_evolution'])) < 17 then
    raise exception 'expected at least 17 policies on %', array['prompt_registry', 'prompt_performance', 'prompt_ab_tests', 'prompt_evolution'];
  end if;
end
$$;
