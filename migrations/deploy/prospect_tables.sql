-- Deploy avenir:prospect_tables to pg
begin;
\ir ../../db/prospects.sql
commit;
