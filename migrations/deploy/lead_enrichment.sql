-- Deploy avenir:lead_enrichment to pg
-- requires: lead_tables, intelligence_tables, prompt_tables, support_tables
begin;
\ir ../../functions/enrichment.sql
commit;
