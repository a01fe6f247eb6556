-- Deploy avenir:login_throttle to pg
-- requires: base_schemas
begin;
\ir ../../db/login_throttle.sql
commit;
