-- Revert avenir:performance_metrics_replication from pg
-- Back to the vocabularies of db/intelligence.sql at @v0.1.0; the check's own rows go with them.
begin;
delete from public.performance_metrics where event_type = 'replication_check' or source_component = 'replication_monitor';
alter table public.performance_metrics drop constraint performance_metrics_event_type_check;
alter table public.performance_metrics add constraint performance_metrics_event_type_check check (event_type in (
  'api_response', 'ai_analysis', 'translation', 'lead_processing', 'email_response'));
alter table public.performance_metrics drop constraint performance_metrics_source_component_check;
alter table public.performance_metrics add constraint performance_metrics_source_component_check check (
  source_component in ('lead_api', 'translation_service', 'intelligence_engine', 'ai_worker', 'job_queue',
                       'outreach_engine'));
comment on column public.performance_metrics.event_type is
  'Category: api_response, ai_analysis, translation, lead_processing or email_response.';
comment on column public.performance_metrics.source_component is
  'Recording component: lead_api, translation_service, intelligence_engine (spec), ai_worker, job_queue, outreach_engine.';
commit;
