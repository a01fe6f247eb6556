-- Deploy avenir:outreach_templates to pg
-- requires: outreach_tables, translation_lookup
begin;
\ir ../../functions/outreach_templates.sql
commit;
