-- Deploy avenir:outreach_sequences to pg
-- requires: outreach_tracking
begin;
\ir ../../functions/outreach_sequences.sql
commit;
