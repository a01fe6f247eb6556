-- Every table's policies by name: one per command and role, none for service_role (it bypasses RLS),
-- no always-true policy for a client role; service_role still reads and writes every table.
begin;
select plan(28);

select ok((select rolbypassrls from pg_roles where rolname = 'service_role'),
          'service_role bypasses RLS, so it needs no policy (a table without one is deny-by-default)');

select policies_are('public', 'avenir_profile_embeddings', array[
  'avenir_profile_embeddings_select_authenticated'
], 'avenir_profile_embeddings has exactly its policies');
select policies_are('public', 'clients', array[
  'clients_select_authenticated', 'clients_update_authenticated'
], 'clients has exactly its policies');
select policies_are('public', 'email_templates', array[
  'email_templates_select_authenticated'
], 'email_templates has exactly its policies');
select policies_are('public', 'feedback_tracking', array[
  'feedback_tracking_insert_authenticated', 'feedback_tracking_select_authenticated'
], 'feedback_tracking has exactly its policies');
select policies_are('public', 'growth_brain', array[
  'growth_brain_select_authenticated'
], 'growth_brain has exactly its policies');
select policies_are('public', 'integration_logs', array[
  'integration_logs_select_authenticated'
], 'integration_logs has exactly its policies');
select policies_are('public', 'intent_translations', array[
  'intent_translations_select_anon', 'intent_translations_select_authenticated'
], 'intent_translations has exactly its policies');
select policies_are('public', 'lead_actions', array[
  'lead_actions_select_authenticated'
], 'lead_actions has exactly its policies');
select policies_are('public', 'lead_memory', array[
  'lead_memory_select_authenticated'
], 'lead_memory has exactly its policies');
select policies_are('public', 'lead_notes', array[
  'lead_notes_select_authenticated'
], 'lead_notes has exactly its policies');
select policies_are('public', 'outreach_campaigns', array[
  'outreach_campaigns_select_authenticated', 'outreach_campaigns_update_authenticated'
], 'outreach_campaigns has exactly its policies');
select policies_are('public', 'outreach_emails', array[
  'outreach_emails_select_authenticated'
], 'outreach_emails has exactly its policies');
select policies_are('public', 'outreach_metrics', array[
  'outreach_metrics_select_authenticated'
], 'outreach_metrics has exactly its policies');
select policies_are('public', 'outreach_tracking', array[
  'outreach_tracking_select_authenticated'
], 'outreach_tracking has exactly its policies');
select policies_are('public', 'performance_metrics', array[
  'performance_metrics_select_authenticated'
], 'performance_metrics has exactly its policies');
select policies_are('public', 'prompt_ab_tests', array[]::name[], 'prompt_ab_tests has exactly its policies (none: deny-by-default, service_role only)');
select policies_are('public', 'prompt_evolution', array[]::name[], 'prompt_evolution has exactly its policies (none: deny-by-default, service_role only)');
select policies_are('public', 'prompt_performance', array[
  'prompt_performance_select_authenticated'
], 'prompt_performance has exactly its policies');
select policies_are('public', 'prompt_registry', array[]::name[], 'prompt_registry has exactly its policies (none: deny-by-default, service_role only)');
select policies_are('public', 'prospect_candidates', array[
  'prospect_candidates_select_authenticated'
], 'prospect_candidates has exactly its policies');
select policies_are('public', 'prospect_form_tests', array[
  'prospect_form_tests_select_authenticated'
], 'prospect_form_tests has exactly its policies');
select policies_are('public', 'prospect_industry_performance', array[
  'prospect_industry_performance_select_authenticated'
], 'prospect_industry_performance has exactly its policies');
select policies_are('public', 'prospect_outreach_log', array[
  'prospect_outreach_log_select_authenticated'
], 'prospect_outreach_log has exactly its policies');
select policies_are('public', 'queue_jobs', array[]::name[], 'queue_jobs has exactly its policies (none: deny-by-default, service_role only)');
select policies_are('public', 'translation_cache', array[]::name[], 'translation_cache has exactly its policies (none: deny-by-default, service_role only)');
select policies_are('public', 'translation_dictionary', array[
  'translation_dictionary_select_anon', 'translation_dictionary_select_authenticated'
], 'translation_dictionary has exactly its policies');

select is_empty($$
  select tablename || ' ' || policyname from pg_policies
  where schemaname = 'public' and roles && array['anon', 'authenticated']::name[]
    and coalesce(qual, with_check) = 'true' and tablename <> 'intent_translations'
$$, 'no always-true policy for anon or authenticated outside the public taxonomy');

select * from finish();
rollback;
