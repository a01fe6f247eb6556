-- Deploy avenir:lead_capture to pg
-- requires: client_accounts, lead_capture_index, job_queue, support_tables, intelligence_tables, log_budget
begin;
\ir ../../functions/leads.sql
commit;
