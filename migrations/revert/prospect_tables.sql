-- Revert avenir:prospect_tables from pg
begin;
drop table if exists public.prospect_form_tests;
drop table if exists public.prospect_industry_performance;
drop table if exists public.prospect_outreach_log;
drop table if exists public.prospect_candidates;
commit;
