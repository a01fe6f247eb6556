-- Deploy avenir:translation_tables to pg
begin;
\ir ../../db/translation.sql
commit;
