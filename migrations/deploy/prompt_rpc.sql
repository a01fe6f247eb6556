-- Deploy avenir:prompt_rpc to pg
-- requires: prompt_tables, learning_defaults
begin;
\ir ../../functions/prompts.sql
commit;
