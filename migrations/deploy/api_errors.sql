-- Deploy avenir:api_errors to pg
-- requires: base_schemas, auth_shim
begin;
\ir ../../functions/errors.sql
\ir ../../functions/requests.sql
commit;
