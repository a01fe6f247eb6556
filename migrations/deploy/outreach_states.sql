-- Deploy avenir:outreach_states to pg
-- requires: outreach_tables, api_errors, lead_lifecycle, translation_lookup
begin;
\ir ../../db/outreach_states.sql
\ir ../../functions/outreach_states.sql
commit;
