-- Revert avenir:intelligence_tables from pg
begin;
drop table if exists public.performance_metrics;
drop table if exists public.feedback_tracking;
drop table if exists public.growth_brain;
commit;
