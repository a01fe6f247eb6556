-- Deploy avenir:intelligence_policies to pg
begin;
\ir ../../policies/intelligence.sql
commit;
