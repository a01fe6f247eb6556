-- Deploy avenir:support_policies to pg
begin;
\ir ../../policies/support.sql
commit;
