-- Deploy avenir:outreach_policies to pg
begin;
\ir ../../policies/outreach.sql
commit;
