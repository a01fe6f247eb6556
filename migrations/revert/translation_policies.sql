-- Revert avenir:translation_policies from pg
begin;
do $$
declare
  p record;
begin
  for p in select policyname, tablename from pg_policies
           where schemaname = 'public' and tablename = any (array['translation_cache', 'translation_dictionary']) loop
    execute format('drop policy %I on public.%I', p.policyname, p.tablename);
  end loop;
end
$$;
commit;
