-- Revert avenir:lead_journal from pg
begin;
drop view if exists public.lead_journal;
commit;
