-- AI intelligence & learning: per-client insights, the prediction/outcome log and metrics.

create table public.growth_brain (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (client_id) on delete cascade,
  analysis_period_start timestamptz,
  analysis_period_end timestamptz,
  total_leads integer not null default 0,
  top_intents jsonb not null default '[]',
  urgency_distribution jsonb not null default '{"high": 0, "medium": 0, "low": 0}',
  urgency_trend_percentage numeric(7,2),
  tone_distribution jsonb not null default '[]',
  tone_sentiment_score numeric(5,2),
  avg_confidence numeric(3,2),
  confidence_trajectory jsonb not null default '[]',
  language_ratio jsonb not null default '{"en": 0, "fr": 0}',
  engagement_score numeric(5,2),
  predictive_insights jsonb not null default '{"en": {}, "fr": {}}',
  analyzed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint growth_brain_client_unique unique (client_id),
  constraint growth_brain_period_check check (analysis_period_end >= analysis_period_start),
  constraint growth_brain_total_leads_check check (total_leads >= 0),
  constraint growth_brain_top_intents_check
    check (jsonb_typeof(top_intents) = 'array' and jsonb_array_length(top_intents) <= 5),
  constraint growth_brain_urgency_distribution_check
    check (jsonb_typeof(urgency_distribution) = 'object' and urgency_distribution ?& array['high', 'medium', 'low']),
  constraint growth_brain_tone_distribution_check check (jsonb_typeof(tone_distribution) = 'array'),
  constraint growth_brain_tone_sentiment_score_check check (tone_sentiment_score between 0 and 100),
  constraint growth_brain_avg_confidence_check check (avg_confidence between 0 and 1),
  constraint growth_brain_confidence_trajectory_check check (jsonb_typeof(confidence_trajectory) = 'array'),
  constraint growth_brain_language_ratio_check
    check (jsonb_typeof(language_ratio) = 'object' and language_ratio ?& array['en', 'fr']),
  constraint growth_brain_engagement_score_check check (engagement_score between 0 and 100),
  constraint growth_brain_predictive_insights_check
    check (jsonb_typeof(predictive_insights) = 'object' and predictive_insights ?& array['en', 'fr'])
);

comment on table public.growth_brain is
  'Tenant-owned: AI growth insights over a client''s active leads, one row per client (UPSERT on client_id); '
  'refreshed weekly or on demand (Growth Copilot). Clients read their own row.';
comment on column public.growth_brain.total_leads is 'How many leads the analysis covered.';
comment on column public.growth_brain.top_intents is 'JSONB array of the top 5 intents with their counts.';
comment on column public.growth_brain.urgency_distribution is 'JSONB object {high, medium, low} of lead counts.';
comment on column public.growth_brain.urgency_trend_percentage is 'Week-over-week change of high-urgency leads, in percent.';
comment on column public.growth_brain.tone_distribution is 'JSONB array of tone frequencies.';
comment on column public.growth_brain.tone_sentiment_score is 'Professional-signal score, 0-100.';
comment on column public.growth_brain.avg_confidence is 'Average AI confidence over the analysed leads, 0-1.';
comment on column public.growth_brain.confidence_trajectory is 'JSONB array tracking average confidence over time.';
comment on column public.growth_brain.language_ratio is 'JSONB object {en, fr} of percentages.';
comment on column public.growth_brain.engagement_score is 'Composite engagement metric, 0-100.';
comment on column public.growth_brain.predictive_insights is 'Bilingual recommendations: JSONB {en: {...}, fr: {...}}.';
comment on column public.growth_brain.analyzed_at is 'When the analysis ran.';

comment on column public.growth_brain.client_id is 'Client analysed (clients.client_id); one row each (growth_brain_client_unique).';
comment on column public.growth_brain.analysis_period_start is 'Start of the analysed period.';
comment on column public.growth_brain.analysis_period_end is 'End of the analysed period.';

create trigger growth_brain_set_updated_at
  before update on public.growth_brain
  for each row execute function private.tg__set_updated_at();

create table public.feedback_tracking (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid,
  client_id uuid references public.clients (client_id) on delete cascade,
  action_type text not null,
  outcome text,
  confidence_score numeric(3,2),
  impact_score numeric(5,2),
  context_data jsonb not null default '{}',
  notes text,
  notes_en text,
  notes_fr text,
  learning_applied boolean not null default false,
  learning_impact numeric(4,3),
  processed_at timestamptz,
  expires_at timestamptz not null default now() + interval '1 year',
  is_test boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A lead link keeps the tenant in the key; hard-deleting the lead keeps the feedback (lead_id -> null).
  constraint feedback_tracking_lead_fkey foreign key (client_id, lead_id)
    references public.lead_memory (client_id, id) on delete set null (lead_id),
  constraint feedback_tracking_lead_needs_client_check check (lead_id is null or client_id is not null),
  constraint feedback_tracking_action_type_check
    check (action_type in ('lead_conversion', 'email_response', 'user_action', 'system_performance')),
  constraint feedback_tracking_outcome_check check (outcome in ('positive', 'negative', 'neutral')),
  constraint feedback_tracking_confidence_score_check check (confidence_score between 0 and 1),
  constraint feedback_tracking_impact_score_check check (impact_score between -100 and 100),
  constraint feedback_tracking_context_data_check check (jsonb_typeof(context_data) = 'object'),
  constraint feedback_tracking_learning_impact_check check (learning_impact between 0 and 1)
);
create index feedback_tracking_client_id_lead_id_idx on public.feedback_tracking (client_id, lead_id);
create index feedback_tracking_client_id_created_at_idx on public.feedback_tracking (client_id, created_at desc);
create index feedback_tracking_expires_at_idx on public.feedback_tracking (expires_at);
-- The enrichment reads a client's corrections (its nearest neighbours) on every new lead.
create index feedback_tracking_client_id_corrections_idx on public.feedback_tracking (client_id, created_at desc)
  where action_type = 'user_action' and context_data ->> 'kind' = 'correction';
-- The learning loop's backlog: outcomes not yet processed.
create index feedback_tracking_created_at_idx on public.feedback_tracking (created_at)
  where not learning_applied;

comment on table public.feedback_tracking is
  'Optionally tenant-scoped (client_id nullable): every AI prediction and its real outcome, feeding the learning loop. '
  'outcome stays null while a prediction waits for its result; rows expire after one year.';
comment on column public.feedback_tracking.lead_id is 'Lead the feedback is about (optional; needs client_id).';
comment on column public.feedback_tracking.action_type is
  'Feedback category: lead_conversion, email_response, user_action or system_performance.';
comment on column public.feedback_tracking.outcome is 'positive, negative or neutral; null while the prediction is pending.';
comment on column public.feedback_tracking.confidence_score is 'Confidence in this feedback, 0-1.';
comment on column public.feedback_tracking.impact_score is 'Impact on the system, -100 to +100.';
comment on column public.feedback_tracking.context_data is 'JSONB object with action-specific details (the prediction itself, for instance).';
comment on column public.feedback_tracking.learning_applied is 'Whether the learning algorithms have processed this row.';
comment on column public.feedback_tracking.learning_impact is 'Impact on the AI models, 0-1.';
comment on column public.feedback_tracking.expires_at is 'Automatic clean-up date (default: one year after creation).';
comment on column public.feedback_tracking.is_test is 'Test feedback (set automatically for an is_test client).';

comment on column public.feedback_tracking.client_id is 'Client concerned (optional; required with lead_id).';
comment on column public.feedback_tracking.notes is 'Human-readable description.';
comment on column public.feedback_tracking.notes_en is 'Description in English.';
comment on column public.feedback_tracking.notes_fr is 'Description in French.';
comment on column public.feedback_tracking.processed_at is 'When the learning algorithms processed the row.';

create trigger feedback_tracking_set_updated_at
  before update on public.feedback_tracking
  for each row execute function private.tg__set_updated_at();
create trigger feedback_tracking_inherit_is_test
  before insert on public.feedback_tracking
  for each row execute function private.tg__inherit_is_test();

create table public.performance_metrics (
  id uuid primary key default gen_random_uuid(),
  event_type text not null,
  metric_name text not null,
  metric_value numeric not null,
  metric_unit text not null,
  response_time_ms integer,
  success_rate numeric(4,3),
  ai_accuracy numeric(4,3),
  error_count integer not null default 0,
  source_component text not null,
  client_id uuid references public.clients (client_id) on delete cascade,
  recorded_at timestamptz not null default now(),
  metadata jsonb not null default '{}',
  error_message_en text,
  error_message_fr text,
  is_test boolean not null default false,
  constraint performance_metrics_event_type_check check (event_type in (
    'api_response', 'ai_analysis', 'translation', 'lead_processing', 'email_response')),
  constraint performance_metrics_metric_name_check
    check (metric_name in ('response_time', 'accuracy', 'success_rate', 'error_rate')),
  constraint performance_metrics_metric_unit_check check (metric_unit in ('ms', 'percent', 'count', 'score')),
  constraint performance_metrics_response_time_ms_check check (response_time_ms >= 0),
  constraint performance_metrics_success_rate_check check (success_rate between 0 and 1),
  constraint performance_metrics_ai_accuracy_check check (ai_accuracy between 0 and 1),
  constraint performance_metrics_error_count_check check (error_count >= 0),
  -- The spec's three components, plus the background worker and queue that record on their behalf.
  constraint performance_metrics_source_component_check check (source_component in (
    'lead_api', 'translation_service', 'intelligence_engine', 'ai_worker', 'job_queue', 'outreach_engine')),
  constraint performance_metrics_metadata_check check (jsonb_typeof(metadata) = 'object')
);
create index performance_metrics_client_id_recorded_at_idx on public.performance_metrics (client_id, recorded_at desc);
create index performance_metrics_event_type_metric_name_recorded_at_idx
  on public.performance_metrics (event_type, metric_name, recorded_at desc);

comment on table public.performance_metrics is
  'Optionally tenant-scoped (client_id nullable): API response times, AI accuracy, success and error rates.';
comment on column public.performance_metrics.event_type is
  'Category: api_response, ai_analysis, translation, lead_processing or email_response.';
comment on column public.performance_metrics.metric_name is 'response_time, accuracy, success_rate or error_rate.';
comment on column public.performance_metrics.metric_value is 'The measurement, in metric_unit.';
comment on column public.performance_metrics.metric_unit is 'ms, percent, count or score.';
comment on column public.performance_metrics.success_rate is 'Success ratio, 0-1.';
comment on column public.performance_metrics.ai_accuracy is 'AI accuracy, 0-1.';
comment on column public.performance_metrics.source_component is
  'Recording component: lead_api, translation_service, intelligence_engine (spec), ai_worker, job_queue, outreach_engine.';
comment on column public.performance_metrics.client_id is 'Client the metric is about (optional).';
comment on column public.performance_metrics.is_test is 'Test metric (set automatically for an is_test client).';

comment on column public.performance_metrics.response_time_ms is 'Response time in milliseconds.';
comment on column public.performance_metrics.error_count is 'Number of errors in the measured window.';
comment on column public.performance_metrics.recorded_at is 'When the metric was recorded.';
comment on column public.performance_metrics.metadata is 'JSONB with additional context.';
comment on column public.performance_metrics.error_message_en is 'Error message in English.';
comment on column public.performance_metrics.error_message_fr is 'Error message in French.';

create trigger performance_metrics_inherit_is_test
  before insert on public.performance_metrics
  for each row execute function private.tg__inherit_is_test();

alter table public.growth_brain enable row level security;
alter table public.growth_brain force row level security;
alter table public.feedback_tracking enable row level security;
alter table public.feedback_tracking force row level security;
alter table public.performance_metrics enable row level security;
alter table public.performance_metrics force row level security;

revoke all on table public.growth_brain, public.feedback_tracking, public.performance_metrics from anon, authenticated;
-- Clients read their insights, feedback and metrics; they may record feedback on their own leads.
grant select on table public.growth_brain, public.feedback_tracking, public.performance_metrics to authenticated;
grant insert (lead_id, client_id, action_type, outcome, confidence_score, notes, notes_en, notes_fr, context_data)
  on table public.feedback_tracking to authenticated;
grant select, insert, update, delete on table public.growth_brain, public.feedback_tracking, public.performance_metrics
  to service_role;
