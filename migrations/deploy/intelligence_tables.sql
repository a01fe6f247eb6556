-- Deploy avenir:intelligence_tables to pg
begin;
\ir ../../db/intelligence.sql
commit;
