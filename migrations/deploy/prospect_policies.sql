-- Deploy avenir:prospect_policies to pg
begin;
\ir ../../policies/prospects.sql
commit;
