-- Revert avenir:prospect_policies from pg
begin;
do $$
declare
  p record;
begin
  for p in select policyname, tablename from pg_policies
           where schemaname = 'public' and tablename = any (array['prospect_candidates', 'prospect_outreach_log', 'prospect_industry_performance', 'prospect_form_tests']) loop
    execute format('drop policy %I on public.%I', p.policyname, p.tablename);
  end loop;
end
$$;
commit;
