-- Deploy avenir:lead_policies to pg
begin;
\ir ../../policies/leads.sql
commit;
