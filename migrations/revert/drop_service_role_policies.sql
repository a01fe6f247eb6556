-- Revert avenir:drop_service_role_policies from pg
-- Back to @v0.1.0: one always-true service_role policy per command on each of its 26 tables,
-- and service_role's read of private.login_attempts.
begin;
do $$
declare
  t text;
  cmd text;
begin
  foreach t in array array[
    'clients', 'lead_memory', 'lead_actions', 'lead_notes', 'growth_brain', 'feedback_tracking',
    'performance_metrics', 'prompt_registry', 'prompt_performance', 'prompt_ab_tests', 'prompt_evolution',
    'integration_logs', 'avenir_profile_embeddings', 'intent_translations', 'queue_jobs',
    'translation_cache', 'translation_dictionary', 'prospect_candidates', 'prospect_outreach_log',
    'prospect_industry_performance', 'prospect_form_tests', 'email_templates', 'outreach_campaigns',
    'outreach_emails', 'outreach_tracking', 'outreach_metrics'] loop
    foreach cmd in array array['select', 'insert', 'update', 'delete'] loop
      execute format('drop policy if exists %I on public.%I', t || '_' || cmd || '_service_role', t);
      execute format('create policy %I on public.%I for %s to service_role %s',
                     t || '_' || cmd || '_service_role', t, cmd,
                     case cmd when 'insert' then 'with check (true)'
                              when 'update' then 'using (true) with check (true)'
                              else 'using (true)' end);
      execute format('comment on policy %I on public.%I is %L', t || '_' || cmd || '_service_role', t,
                     'Service role: full access for system operations.');
    end loop;
  end loop;
end
$$;
drop policy if exists login_attempts_select_service_role on private.login_attempts;
create policy login_attempts_select_service_role on private.login_attempts for select to service_role
  using (true);
comment on policy login_attempts_select_service_role on private.login_attempts is 'Service role: reads failures for support.';
commit;
