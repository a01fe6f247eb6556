-- Deploy avenir:lead_capture to pg
-- Reworked after @v0.1.0: submit_lead uses the e-mail rule and the API-key prefix of functions/data_rules.sql; rejected calls logged within a budget, bodies bounded
-- requires: client_accounts, lead_capture_index, job_queue, support_tables, intelligence_tables, log_budget, translation_lookup
begin;
\ir ../../functions/leads.sql
commit;
