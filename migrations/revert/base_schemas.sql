-- Revert avenir:base_schemas from pg
begin;
drop schema if exists private;
revoke usage on schema public, extensions from anon, authenticated, service_role;
alter default privileges in schema public grant execute on functions to public;
alter default privileges grant execute on functions to public;
commit;
