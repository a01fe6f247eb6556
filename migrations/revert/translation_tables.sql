-- Revert avenir:translation_tables from pg
begin;
drop table if exists public.translation_dictionary;
drop table if exists public.translation_cache;
commit;
