-- Deploy avenir:base_schemas to pg
begin;
\ir ../../db/schemas.sql
commit;
