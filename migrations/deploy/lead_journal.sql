-- Deploy avenir:lead_journal to pg
-- requires: lead_policies
begin;
\ir ../../db/lead_journal.sql
commit;
