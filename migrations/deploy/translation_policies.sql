-- Deploy avenir:translation_policies to pg
begin;
\ir ../../policies/translation.sql
commit;
