-- Revert avenir:lead_enrichment from pg
begin;
drop function if exists public.record_lead_enrichment(uuid, jsonb, jsonb, text, integer);
commit;
