-- Deploy avenir:learning_tables to pg
-- requires: lead_tables, intelligence_tables
begin;
\ir ../../db/changes/learning_tables.sql
commit;
