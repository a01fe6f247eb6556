-- Revert avenir:api_errors from pg
begin;
drop function if exists private.request_ip(jsonb);
drop function if exists private.safe_inet(text);
drop function if exists private.request_client_id();
drop function if exists private.api_error(text, text, text, text, integer);
commit;
