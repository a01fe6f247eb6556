-- Deploy avenir:outreach_tables to pg
begin;
\ir ../../db/outreach.sql
commit;
