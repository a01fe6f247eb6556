-- Deploy avenir:client_policies to pg
begin;
\ir ../../policies/clients.sql
commit;
