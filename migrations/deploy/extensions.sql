-- Deploy avenir:extensions to pg
begin;
\ir ../../db/extensions.sql
commit;
