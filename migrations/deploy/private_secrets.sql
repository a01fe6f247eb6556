-- Deploy avenir:private_secrets to pg
begin;
\ir ../../db/secrets.sql
commit;
