-- Revert avenir:outreach_policies from pg
begin;
do $$
declare
  p record;
begin
  for p in select policyname, tablename from pg_policies
           where schemaname = 'public' and tablename = any (array['email_templates', 'outreach_campaigns', 'outreach_emails', 'outreach_tracking', 'outreach_metrics']) loop
    execute format('drop policy %I on public.%I', p.policyname, p.tablename);
  end loop;
end
$$;
commit;
