-- Deploy avenir:support_tables to pg
begin;
\ir ../../db/support.sql
commit;
