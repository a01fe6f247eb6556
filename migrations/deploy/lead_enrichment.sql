-- Deploy avenir:lead_enrichment to pg
-- Reworked after @v0.1.0: record_lead_enrichment checks the tone against private.lead_tones()
-- requires: lead_tables, intelligence_tables, prompt_tables, support_tables
begin;
\ir ../../functions/enrichment.sql
commit;
