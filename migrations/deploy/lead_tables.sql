-- Deploy avenir:lead_tables to pg
begin;
\ir ../../db/leads.sql
commit;
