-- Every table's policies by name: one per command and role, no always-true policy for a client role.
begin;
select plan(27);

select policies_are('public', 'avenir_profile_embeddings', array[
  'avenir_profile_embeddings_delete_service_role', 'avenir_profile_embeddings_insert_service_role',
  'avenir_profile_embeddings_select_authenticated', 'avenir_profile_embeddings_select_service_role',
  'avenir_profile_embeddings_update_service_role'
], 'avenir_profile_embeddings has exactly its policies');
select policies_are('public', 'clients', array[
  'clients_delete_service_role', 'clients_insert_service_role', 'clients_select_authenticated',
  'clients_select_service_role', 'clients_update_authenticated', 'clients_update_service_role'
], 'clients has exactly its policies');
select policies_are('public', 'email_templates', array[
  'email_templates_delete_service_role', 'email_templates_insert_service_role',
  'email_templates_select_authenticated', 'email_templates_select_service_role',
  'email_templates_update_service_role'
], 'email_templates has exactly its policies');
select policies_are('public', 'feedback_tracking', array[
  'feedback_tracking_delete_service_role', 'feedback_tracking_insert_authenticated',
  'feedback_tracking_insert_service_role', 'feedback_tracking_select_authenticated',
  'feedback_tracking_select_service_role', 'feedback_tracking_update_service_role'
], 'feedback_tracking has exactly its policies');
select policies_are('public', 'growth_brain', array[
  'growth_brain_delete_service_role', 'growth_brain_insert_service_role', 'growth_brain_select_authenticated',
  'growth_brain_select_service_role', 'growth_brain_update_service_role'
], 'growth_brain has exactly its policies');
select policies_are('public', 'integration_logs', array[
  'integration_logs_delete_service_role', 'integration_logs_insert_service_role',
  'integration_logs_select_authenticated', 'integration_logs_select_service_role',
  'integration_logs_update_service_role'
], 'integration_logs has exactly its policies');
select policies_are('public', 'intent_translations', array[
  'intent_translations_delete_service_role', 'intent_translations_insert_service_role',
  'intent_translations_select_anon', 'intent_translations_select_authenticated',
  'intent_translations_select_service_role', 'intent_translations_update_service_role'
], 'intent_translations has exactly its policies');
select policies_are('public', 'lead_actions', array[
  'lead_actions_delete_service_role', 'lead_actions_insert_service_role', 'lead_actions_select_authenticated',
  'lead_actions_select_service_role', 'lead_actions_update_service_role'
], 'lead_actions has exactly its policies');
select policies_are('public', 'lead_memory', array[
  'lead_memory_delete_service_role', 'lead_memory_insert_service_role', 'lead_memory_select_authenticated',
  'lead_memory_select_service_role', 'lead_memory_update_service_role'
], 'lead_memory has exactly its policies');
select policies_are('public', 'lead_notes', array[
  'lead_notes_delete_service_role', 'lead_notes_insert_service_role', 'lead_notes_select_authenticated',
  'lead_notes_select_service_role', 'lead_notes_update_service_role'
], 'lead_notes has exactly its policies');
select policies_are('public', 'outreach_campaigns', array[
  'outreach_campaigns_delete_service_role', 'outreach_campaigns_insert_service_role',
  'outreach_campaigns_select_authenticated', 'outreach_campaigns_select_service_role',
  'outreach_campaigns_update_authenticated', 'outreach_campaigns_update_service_role'
], 'outreach_campaigns has exactly its policies');
select policies_are('public', 'outreach_emails', array[
  'outreach_emails_delete_service_role', 'outreach_emails_insert_service_role',
  'outreach_emails_select_authenticated', 'outreach_emails_select_service_role',
  'outreach_emails_update_service_role'
], 'outreach_emails has exactly its policies');
select policies_are('public', 'outreach_metrics', array[
  'outreach_metrics_delete_service_role', 'outreach_metrics_insert_service_role',
  'outreach_metrics_select_authenticated', 'outreach_metrics_select_service_role',
  'outreach_metrics_update_service_role'
], 'outreach_metrics has exactly its policies');
select policies_are('public', 'outreach_tracking', array[
  'outreach_tracking_delete_service_role', 'outreach_tracking_insert_service_role',
  'outreach_tracking_select_authenticated', 'outreach_tracking_select_service_role',
  'outreach_tracking_update_service_role'
], 'outreach_tracking has exactly its policies');
select policies_are('public', 'performance_metrics', array[
  'performance_metrics_delete_service_role', 'performance_metrics_insert_service_role',
  'performance_metrics_select_authenticated', 'performance_metrics_select_service_role',
  'performance_metrics_update_service_role'
], 'performance_metrics has exactly its policies');
select policies_are('public', 'prompt_ab_tests', array[
  'prompt_ab_tests_delete_service_role', 'prompt_ab_tests_insert_service_role',
  'prompt_ab_tests_select_service_role', 'prompt_ab_tests_update_service_role'
], 'prompt_ab_tests has exactly its policies');
select policies_are('public', 'prompt_evolution', array[
  'prompt_evolution_delete_service_role', 'prompt_evolution_insert_service_role',
  'prompt_evolution_select_service_role', 'prompt_evolution_update_service_role'
], 'prompt_evolution has exactly its policies');
select policies_are('public', 'prompt_performance', array[
  'prompt_performance_delete_service_role', 'prompt_performance_insert_service_role',
  'prompt_performance_select_authenticated', 'prompt_performance_select_service_role',
  'prompt_performance_update_service_role'
], 'prompt_performance has exactly its policies');
select policies_are('public', 'prompt_registry', array[
  'prompt_registry_delete_service_role', 'prompt_registry_insert_service_role',
  'prompt_registry_select_service_role', 'prompt_registry_update_service_role'
], 'prompt_registry has exactly its policies');
select policies_are('public', 'prospect_candidates', array[
  'prospect_candidates_delete_service_role', 'prospect_candidates_insert_service_role',
  'prospect_candidates_select_authenticated', 'prospect_candidates_select_service_role',
  'prospect_candidates_update_service_role'
], 'prospect_candidates has exactly its policies');
select policies_are('public', 'prospect_form_tests', array[
  'prospect_form_tests_delete_service_role', 'prospect_form_tests_insert_service_role',
  'prospect_form_tests_select_authenticated', 'prospect_form_tests_select_service_role',
  'prospect_form_tests_update_service_role'
], 'prospect_form_tests has exactly its policies');
select policies_are('public', 'prospect_industry_performance', array[
  'prospect_industry_performance_delete_service_role', 'prospect_industry_performance_insert_service_role',
  'prospect_industry_performance_select_authenticated', 'prospect_industry_performance_select_service_role',
  'prospect_industry_performance_update_service_role'
], 'prospect_industry_performance has exactly its policies');
select policies_are('public', 'prospect_outreach_log', array[
  'prospect_outreach_log_delete_service_role', 'prospect_outreach_log_insert_service_role',
  'prospect_outreach_log_select_authenticated', 'prospect_outreach_log_select_service_role',
  'prospect_outreach_log_update_service_role'
], 'prospect_outreach_log has exactly its policies');
select policies_are('public', 'queue_jobs', array[
  'queue_jobs_delete_service_role', 'queue_jobs_insert_service_role', 'queue_jobs_select_service_role',
  'queue_jobs_update_service_role'
], 'queue_jobs has exactly its policies');
select policies_are('public', 'translation_cache', array[
  'translation_cache_delete_service_role', 'translation_cache_insert_service_role',
  'translation_cache_select_service_role', 'translation_cache_update_service_role'
], 'translation_cache has exactly its policies');
select policies_are('public', 'translation_dictionary', array[
  'translation_dictionary_delete_service_role', 'translation_dictionary_insert_service_role',
  'translation_dictionary_select_anon', 'translation_dictionary_select_authenticated',
  'translation_dictionary_select_service_role', 'translation_dictionary_update_service_role'
], 'translation_dictionary has exactly its policies');

select is_empty($$
  select tablename || ' ' || policyname from pg_policies
  where schemaname = 'public' and roles && array['anon', 'authenticated']::name[]
    and coalesce(qual, with_check) = 'true' and tablename <> 'intent_translations'
$$, 'no always-true policy for anon or authenticated outside the public taxonomy');

select * from finish();
rollback;
