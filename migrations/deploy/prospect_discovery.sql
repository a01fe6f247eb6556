-- Deploy avenir:prospect_discovery to pg
-- requires: prospect_tables
-- requires: support_tables
-- requires: outreach_tables
-- requires: translation_lookup
begin;
\ir ../../functions/prospects.sql
commit;
