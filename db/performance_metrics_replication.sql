-- performance_metrics also records the sidecar's replication check (avenir replication check):
-- event_type 'replication_check', source_component 'replication_monitor'. The spec's five event
-- types and three components stay; these widen the vocabularies set in db/intelligence.sql.
alter table public.performance_metrics drop constraint if exists performance_metrics_event_type_check;
alter table public.performance_metrics add constraint performance_metrics_event_type_check check (event_type in (
  'api_response', 'ai_analysis', 'translation', 'lead_processing', 'email_response', 'replication_check'));
alter table public.performance_metrics drop constraint if exists performance_metrics_source_component_check;
alter table public.performance_metrics add constraint performance_metrics_source_component_check check (
  source_component in ('lead_api', 'translation_service', 'intelligence_engine', 'ai_worker', 'job_queue',
                       'outreach_engine', 'replication_monitor'));

comment on column public.performance_metrics.event_type is
  'Category: api_response, ai_analysis, translation, lead_processing or email_response (spec); '
  'replication_check: one row per failover check (metric_name error_rate = findings, metadata = lag and diffs).';
comment on column public.performance_metrics.source_component is
  'Recording component: lead_api, translation_service, intelligence_engine (spec), ai_worker, job_queue, '
  'outreach_engine, replication_monitor (the replication check).';
