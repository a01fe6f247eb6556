-- Deploy avenir:client_tables to pg
begin;
\ir ../../db/clients.sql
commit;
