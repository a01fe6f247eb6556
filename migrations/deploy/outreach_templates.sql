-- Deploy avenir:outreach_templates to pg
-- requires: outreach_tables
begin;
\ir ../../functions/outreach_templates.sql
commit;
