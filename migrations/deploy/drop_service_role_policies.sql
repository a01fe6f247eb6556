-- Deploy avenir:drop_service_role_policies to pg
-- requires: client_policies, lead_policies, intelligence_policies, prompt_policies, support_policies,
--           job_policies, translation_policies, prospect_policies, outreach_policies, login_attempts
-- No definition file: this change only removes what @v0.1.0 created. service_role is BYPASSRLS
-- (as on Supabase), so its always-true policies never took effect; policies/*.sql and
-- db/login_attempts.sql no longer create them, and this drops them from databases deployed before.
begin;
do $$
declare
  p record;
begin
  for p in select schemaname, tablename, policyname from pg_policies
            where schemaname in ('public', 'private') and roles = array['service_role']::name[] loop
    execute format('drop policy %I on %I.%I', p.policyname, p.schemaname, p.tablename);
  end loop;
end
$$;
commit;
