-- Deploy avenir:shared_triggers to pg
begin;
\ir ../../functions/triggers.sql
commit;
