-- Deploy avenir:prompt_tables to pg
begin;
\ir ../../db/prompts.sql
commit;
