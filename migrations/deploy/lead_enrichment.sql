-- Deploy avenir:lead_enrichment to pg
-- Reworked after @v0.1.0: tone from private.lead_tones(), A/B-assigned prompt variant, the client's corrections
-- requires: lead_tables, intelligence_tables, prompt_tables, support_tables, data_rules, prompt_rpc, learning_feedback
begin;
\ir ../../functions/enrichment.sql
commit;
