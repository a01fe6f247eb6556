-- Deploy avenir:lead_replies to pg
-- requires: lead_reply_tables, job_queue, client_accounts, intelligence_tables
begin;
\ir ../../functions/lead_replies.sql
commit;
