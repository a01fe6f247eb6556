-- Verify avenir:prospect_policies on pg
do $$
declare
  t text;
begin
  foreach t in array array['prospect_candidates', 'prospect_outreach_log', 'prospect_industry_performance', 'prospect_form_tests'] loop
    if not exists (select from pg_policies where schemaname = 'public' and tablename = t
                   and policyname = t || '_select_service_role') then
      raise exception 'public.% has no service_role policies', t;
    end if;
  end loop;
  if (select count(*) from pg_policies where schemaname = 'public' and tablename = any (array['prospect_candidates', 'prospect_outreach_log', 'prospect_industry_performance', 'prospect_form_tests'])) < 20 then
    raise exception 'expected at least 20 policies on %', array['prospect_candidates', 'prospect_outreach_log', 'prospect_industry_performance', 'prospect_form_tests'];
  end if;
end
$$;
