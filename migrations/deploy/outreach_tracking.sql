-- Deploy avenir:outreach_tracking to pg
-- requires: outreach_sending, translation_lookup
begin;
\ir ../../functions/outreach_tracking.sql
commit;
