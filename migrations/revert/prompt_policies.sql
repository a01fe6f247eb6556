-- Revert avenir:prompt_policies from pg
begin;
do $$
declare
  p record;
begin
  for p in select policyname, tablename from pg_policies
           where schemaname = 'public' and tablename = any (array['prompt_registry', 'prompt_performance', 'prompt_ab_tests', 'prompt_evolution']) loop
    execute format('drop policy %I on public.%I', p.policyname, p.tablename);
  end loop;
end
$$;
commit;
