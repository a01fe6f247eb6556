-- Deny by default: a new function is executable by nobody until granted beside its definition.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from public;

-- The API roles reach public (the exposed schema) and the extensions their queries use.
grant usage on schema public, extensions to anon, authenticated, service_role;

-- What must never be exposed: security-definer helpers, secrets, internals.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to service_role;
comment on schema private is 'Never exposed through the API: security-definer helpers, secrets and internals.';
