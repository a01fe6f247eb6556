-- Deploy avenir:lead_reply_tables to pg
-- requires: lead_tables, shared_triggers
begin;
\ir ../../db/lead_replies.sql
commit;
