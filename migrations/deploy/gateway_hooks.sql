-- Deploy avenir:gateway_hooks to pg
-- requires: lead_capture, api_roles
begin;
\ir ../../functions/gateway_hooks.sql
commit;
