-- Deploy avenir:login_attempts to pg
-- requires: base_schemas
begin;
\ir ../../db/login_attempts.sql
commit;
