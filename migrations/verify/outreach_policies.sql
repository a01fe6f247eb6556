-- Verify avenir:outreach_policies on pg
do $$
declare
  t text;
begin
  foreach t in array array['email_templates', 'outreach_campaigns', 'outreach_emails', 'outreach_tracking', 'outreach_metrics'] loop
    if not exists (select from pg_policies where schemaname = 'public' and tablename = t
                   and policyname = t || '_select_service_role') then
      raise exception 'public.% has no service_role policies', t;
    end if;
  end loop;
  if (select count(*) from pg_policies where schemaname = 'public' and tablename = any (array['email_templates', 'outreach_campaigns', 'outreach_emails', 'outreach_tracking', 'outreach_metrics'])) < 26 then
    raise exception 'expected at least 26 policies on %', array['email_templates', 'outreach_campaigns', 'outreach_emails', 'outreach_tracking', 'outreach_metrics'];
  end if;
end
$$;
