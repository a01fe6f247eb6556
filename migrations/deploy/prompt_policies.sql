-- Deploy avenir:prompt_policies to pg
begin;
\ir ../../policies/prompts.sql
commit;
