-- Revert avenir:support_tables from pg
begin;
drop table if exists public.intent_translations;
drop table if exists public.avenir_profile_embeddings;
drop table if exists public.integration_logs;
commit;
