-- Deploy avenir:auth_shim to pg
begin;
\ir ../../functions/auth.sql
commit;
