-- Revert avenir:lead_tables from pg
begin;
drop table if exists public.lead_notes;
drop table if exists public.lead_actions;
drop table if exists public.lead_memory;
commit;
