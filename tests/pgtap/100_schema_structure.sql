-- The 26 tables of the spec, each with exactly its columns (the spec's, plus the documented extras)
-- and the key types. A table or column that appears or disappears fails here first.
begin;
select plan(40);

select tables_are('public', array[
  'avenir_profile_embeddings', 'clients', 'email_templates', 'feedback_tracking',
  'growth_brain', 'integration_logs', 'intent_translations', 'lead_actions',
  'lead_memory', 'lead_notes', 'outreach_campaigns', 'outreach_emails',
  'outreach_metrics', 'outreach_tracking', 'performance_metrics', 'prompt_ab_tests',
  'prompt_evolution', 'prompt_performance', 'prompt_registry', 'prospect_candidates',
  'prospect_form_tests', 'prospect_industry_performance', 'prospect_outreach_log', 'queue_jobs',
  'translation_cache', 'translation_dictionary'
], 'public holds the 26 tables of the spec and nothing else');

select columns_are('public', 'avenir_profile_embeddings', array[
  'id', 'chunk_text', 'embedding', 'embedding_model', 'metadata', 'created_at'
], 'avenir_profile_embeddings has its spec columns');
select columns_are('public', 'clients', array[
  'id', 'client_id', 'business_name', 'email', 'password_hash', 'api_key_hash', 'api_key_prefix', 'language',
  'email_tone', 'ai_personalized_reply', 'booking_link', 'industry', 'last_connection',
  'last_lead_received_at', 'is_test', 'is_internal', 'created_at', 'updated_at', 'form_key', 'form_origins'
], 'clients has its spec columns (and the embeddable form''s public key and sites)');
select columns_are('public', 'email_templates', array[
  'id', 'name', 'description', 'subject', 'html_content', 'plain_content', 'language', 'category',
  'variables', 'is_active', 'usage_count', 'performance_score', 'created_at', 'updated_at'
], 'email_templates has its spec columns');
select columns_are('public', 'feedback_tracking', array[
  'id', 'lead_id', 'client_id', 'action_type', 'outcome', 'confidence_score', 'impact_score', 'context_data',
  'notes', 'notes_en', 'notes_fr', 'learning_applied', 'learning_impact', 'processed_at', 'expires_at',
  'is_test', 'created_at', 'updated_at'
], 'feedback_tracking has its spec columns');
select columns_are('public', 'growth_brain', array[
  'id', 'client_id', 'analysis_period_start', 'analysis_period_end', 'total_leads', 'top_intents',
  'urgency_distribution', 'urgency_trend_percentage', 'tone_distribution', 'tone_sentiment_score',
  'avg_confidence', 'confidence_trajectory', 'language_ratio', 'engagement_score', 'predictive_insights',
  'analyzed_at', 'created_at', 'updated_at'
], 'growth_brain has its spec columns');
select columns_are('public', 'integration_logs', array[
  'id', 'client_id', 'api_key', 'endpoint', 'method', 'request_body', 'response_status', 'response_body',
  'ip_address', 'user_agent', 'created_at'
], 'integration_logs has its spec columns');
select columns_are('public', 'intent_translations', array[
  'id', 'intent_en', 'intent_fr', 'category', 'created_at'
], 'intent_translations has its spec columns');
select columns_are('public', 'lead_actions', array[
  'id', 'lead_id', 'client_id', 'action_type', 'tag', 'timestamp', 'conversion_outcome', 'reversion_reason',
  'performed_by', 'is_test'
], 'lead_actions has its spec columns');
select columns_are('public', 'lead_memory', array[
  'id', 'client_id', 'name', 'email', 'message', 'ai_summary', 'intent', 'tone', 'urgency',
  'confidence_score', 'tone_history', 'confidence_history', 'urgency_history', 'archived', 'deleted',
  'current_tag', 'language', 'is_test', 'created_at', 'updated_at'
], 'lead_memory has its spec columns');
select columns_are('public', 'lead_notes', array[
  'id', 'lead_id', 'client_id', 'note', 'performed_by', 'created_at', 'updated_at', 'is_test'
], 'lead_notes has its spec columns');
select columns_are('public', 'outreach_campaigns', array[
  'id', 'name', 'client_id', 'status', 'target_criteria', 'email_template_id', 'follow_up_schedule',
  'created_at', 'updated_at', 'metadata',
  -- the campaign's throttle (outreach_sending)
  'send_per_second', 'send_per_hour', 'send_concurrency'
], 'outreach_campaigns has its spec columns');
select columns_are('public', 'outreach_emails', array[
  'id', 'client_id', 'campaign_id', 'prospect_id', 'prospect_email', 'prospect_name', 'company_name',
  'website', 'template_id', 'subject', 'content', 'status', 'sent_at', 'opened_at', 'replied_at', 'thread_id',
  'gmail_message_id', 'follow_up_sequence', 'sender_email', 'missing_email', 'metadata', 'created_at',
  'updated_at',
  -- the state machine's timestamps (outreach_states)
  'approved_at', 'rejected_at', 'delivered_at', 'bounced_at'
], 'outreach_emails has its spec columns');
select columns_are('public', 'outreach_metrics', array[
  'id', 'client_id', 'campaign_id', 'total_emails_sent', 'total_emails_delivered', 'total_emails_opened',
  'total_emails_clicked', 'total_emails_replied', 'total_emails_bounced', 'total_emails_unsubscribed',
  'open_rate', 'click_rate', 'reply_rate', 'bounce_rate', 'revenue_generated', 'created_at', 'updated_at',
  -- event totals, proxy opens apart (outreach_metrics)
  'total_open_events', 'total_click_events', 'machine_open_events'
], 'outreach_metrics has its spec columns');
select columns_are('public', 'outreach_tracking', array[
  'id', 'client_id', 'email_id', 'prospect_id', 'campaign_id', 'action', 'timestamp', 'metadata'
], 'outreach_tracking has its spec columns');
select columns_are('public', 'performance_metrics', array[
  'id', 'event_type', 'metric_name', 'metric_value', 'metric_unit', 'response_time_ms', 'success_rate',
  'ai_accuracy', 'error_count', 'source_component', 'client_id', 'recorded_at', 'metadata',
  'error_message_en', 'error_message_fr', 'is_test'
], 'performance_metrics has its spec columns');
select columns_are('public', 'prompt_ab_tests', array[
  'id', 'test_name', 'prompt_name', 'control_variant_id', 'treatment_variant_id',
  'control_traffic_percentage', 'treatment_traffic_percentage', 'min_sample_size', 'max_duration_days',
  'significance_level', 'status', 'control_metrics', 'treatment_metrics', 'statistical_significance',
  'winner_variant_id', 'started_at', 'completed_at', 'created_at', 'updated_at'
], 'prompt_ab_tests has its spec columns');
select columns_are('public', 'prompt_evolution', array[
  'id', 'parent_prompt_id', 'child_prompt_id', 'evolution_type', 'evolution_strategy', 'parent_performance',
  'child_performance', 'improvement_score', 'feedback_data', 'optimization_goals', 'evolved_at',
  'evolution_algorithm'
], 'prompt_evolution has its spec columns');
select columns_are('public', 'prompt_performance', array[
  'id', 'prompt_registry_id', 'execution_id', 'client_id', 'input_data', 'output_data',
  'output_quality_score', 'response_time_ms', 'token_count', 'cost_usd', 'accuracy_score',
  'consistency_score', 'completeness_score', 'error_occurred', 'error_message', 'feedback_id', 'user_rating',
  'executed_at', 'environment', 'is_test'
], 'prompt_performance has its spec columns');
select columns_are('public', 'prompt_registry', array[
  'id', 'prompt_name', 'variant_version', 'variant_id', 'prompt_text', 'language', 'score', 'usage_count',
  'is_active', 'created_at', 'updated_at'
], 'prompt_registry has its spec columns');
select columns_are('public', 'prospect_candidates', array[
  'id', 'business_name', 'website', 'contact_email', 'industry', 'region', 'language', 'form_url',
  'last_tested', 'response_score', 'automation_need_score', 'contacted', 'metadata', 'embedding',
  'created_at', 'updated_at'
], 'prospect_candidates has its spec columns');
select columns_are('public', 'prospect_form_tests', array[
  'id', 'prospect_id', 'test_submitted_at', 'response_received_at', 'response_time_minutes',
  'has_autoresponder', 'autoresponder_tone', 'autoresponder_content', 'score', 'test_status', 'metadata'
], 'prospect_form_tests has its spec columns');
select columns_are('public', 'prospect_industry_performance', array[
  'id', 'industry', 'total_contacted', 'total_opened', 'total_replied', 'open_rate', 'reply_rate',
  'avg_response_time_hours', 'priority_score', 'last_updated'
], 'prospect_industry_performance has its spec columns');
select columns_are('public', 'prospect_outreach_log', array[
  'id', 'prospect_id', 'subject', 'email_body', 'sent_at', 'opened_at', 'replied_at', 'status',
  'reply_content', 'metadata'
], 'prospect_outreach_log has its spec columns');
select columns_are('public', 'queue_jobs', array[
  'id', 'job_type', 'status', 'payload', 'result', 'error', 'attempts', 'max_attempts', 'run_at', 'priority',
  'locked_by', 'heartbeat_at', 'dedup_key', 'last_error', 'timeout_seconds', 'client_id', 'created_at',
  'started_at', 'completed_at', 'updated_at'
], 'queue_jobs has its spec columns');
select columns_are('public', 'translation_cache', array[
  'id', 'source_text', 'source_text_md5', 'source_language', 'target_language', 'translated_text',
  'context_type', 'quality_score', 'verified', 'created_at', 'last_used_at', 'expires_at'
], 'translation_cache has its spec columns');
select columns_are('public', 'translation_dictionary', array[
  'id', 'source_text', 'source_language', 'target_language', 'translated_text', 'context', 'category',
  'verified', 'usage_count', 'confidence', 'created_at', 'updated_at'
], 'translation_dictionary has its spec columns');

-- Key types.
select is_empty($$
  select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attname = 'id'
  where n.nspname = 'public' and c.relkind = 'r'
    and (format_type(a.atttypid, a.atttypmod) <> 'uuid'
         or pg_get_expr((select d.adbin from pg_attrdef d where d.adrelid = c.oid and d.adnum = a.attnum), c.oid)
            is distinct from 'gen_random_uuid()')
$$, 'every table''s id is a uuid defaulting to gen_random_uuid()');
select is_empty($$
  select c.relname || '.' || a.attname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  where n.nspname = 'public' and c.relkind = 'r'
    and (a.attname ~ '(_at|_start|_end|^timestamp|^last_tested|^last_updated|^last_connection)$')
    and format_type(a.atttypid, a.atttypmod) <> 'timestamp with time zone'
$$, 'every time column is timestamptz');
select is_empty($$
  select c.relname || '.' || a.attname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  where n.nspname = 'public' and c.relkind = 'r'
    and a.attname in ('client_id', 'lead_id', 'prospect_id', 'campaign_id', 'email_id', 'feedback_id',
                      'prompt_registry_id', 'parent_prompt_id', 'child_prompt_id', 'template_id', 'email_template_id')
    and format_type(a.atttypid, a.atttypmod) <> 'uuid'
$$, 'every key column is a uuid');
select is_empty($$
  select c.relname || '.' || a.attname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  where n.nspname = 'public' and c.relkind = 'r'
    and (a.attname ~ '(_history|_distribution|_data|_metrics|_performance|_criteria|_schedule|_insights|_ratio|_trajectory|_intents)$'
         or a.attname in ('metadata', 'payload', 'result', 'variables', 'request_body', 'response_body'))
    and c.relname <> 'prospect_industry_performance'
    and format_type(a.atttypid, a.atttypmod) <> 'jsonb'
$$, 'every JSONB field of the spec is jsonb');
select col_type_is('public', 'avenir_profile_embeddings', 'embedding', 'extensions', 'vector(1536)',
                   'avenir_profile_embeddings.embedding is vector(1536)');
select col_type_is('public', 'lead_memory', 'confidence_score', 'numeric(3,2)', 'lead_memory.confidence_score is numeric(3,2)');
select col_type_is('public', 'prompt_performance', 'output_quality_score', 'numeric(4,3)',
                   'prompt_performance.output_quality_score is numeric(4,3)');
select col_type_is('public', 'integration_logs', 'ip_address', 'inet', 'integration_logs.ip_address is inet');
select col_type_is('public', 'prompt_evolution', 'optimization_goals', 'text[]', 'prompt_evolution.optimization_goals is an array');
select hasnt_column('public', 'clients', 'api_key', 'clients has no plaintext api_key column');
select col_is_unique('public', 'clients', array['client_id'], 'clients.client_id is unique (the tenant key)');
select is((select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind = 'r' and obj_description(c.oid, 'pg_class') is null), 0,
          'every table has a COMMENT');
select is_empty($$
  select c.relname || '.' || a.attname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  where n.nspname = 'public' and c.relkind = 'r' and a.attname not in ('id', 'created_at', 'updated_at')
    and col_description(c.oid, a.attnum) is null
$$, 'every column but id, created_at and updated_at has a COMMENT');

select * from finish();
rollback;
