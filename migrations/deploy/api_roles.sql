-- Deploy avenir:api_roles to pg
begin;
\ir ../../db/roles.sql
commit;
