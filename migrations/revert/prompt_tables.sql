-- Revert avenir:prompt_tables from pg
begin;
drop table if exists public.prompt_evolution;
drop table if exists public.prompt_ab_tests;
drop table if exists public.prompt_performance;
drop table if exists public.prompt_registry;
commit;
