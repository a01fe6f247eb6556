-- Revert avenir:extensions from pg
begin;
drop extension if exists plpython3u;
drop extension if exists pg_cron;
drop extension if exists pg_stat_statements;
drop extension if exists vector;
drop extension if exists pg_trgm;
drop extension if exists pgcrypto;
drop schema if exists extensions;  -- refuses if something else still lives there
commit;
