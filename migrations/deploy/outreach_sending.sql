-- Deploy avenir:outreach_sending to pg
-- requires: outreach_states, outreach_templates, prospect_discovery, job_queue, translation_lookup
begin;
\ir ../../db/outreach_sending.sql
\ir ../../functions/outreach_sending.sql
commit;
