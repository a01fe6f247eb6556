-- Revert avenir:support_policies from pg
begin;
do $$
declare
  p record;
begin
  for p in select policyname, tablename from pg_policies
           where schemaname = 'public' and tablename = any (array['integration_logs', 'avenir_profile_embeddings', 'intent_translations']) loop
    execute format('drop policy %I on public.%I', p.policyname, p.tablename);
  end loop;
end
$$;
commit;
