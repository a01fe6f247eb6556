-- Deploy avenir:maintenance to pg
begin;
\ir ../../functions/maintenance.sql
commit;
