-- Revert avenir:client_tables from pg
begin;
drop table if exists public.clients;
commit;
