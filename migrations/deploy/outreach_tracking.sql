-- Deploy avenir:outreach_tracking to pg
-- requires: outreach_sending
begin;
\ir ../../functions/outreach_tracking.sql
commit;
