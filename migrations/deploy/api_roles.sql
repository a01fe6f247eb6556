-- Deploy avenir:api_roles to pg
-- Reworked after @v0.1.0: statement_timeout per API role (anon 3 s, authenticated 8 s, service_role 60 s), on roles this project created
begin;
\ir ../../db/roles.sql
commit;
