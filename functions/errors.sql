-- The SQLSTATE registry of the client-facing RPCs (accounts, lead capture, lifecycle, notes),
-- and the request helpers they share (error object, caller's client_id, caller's IP).
-- Every code below is one PostgREST maps to a 4xx; never P0002 or another P0* (those become 500).
--
-- | SQLSTATE | HTTP | used for                                                          |
-- | -------- | ---- | ----------------------------------------------------------------- |
-- | 22023    | 400  | invalid_parameter_value: a bad field (name, e-mail, tag, note...) |
-- | 42501    | 401/403 | insufficient_privilege: no client_id claim in the JWT          |
-- | 23505    | 409  | unique_violation: an account with this e-mail already exists      |
-- | 28P01    | 403  | invalid_password: login with a wrong e-mail or password           |
-- | PT401    | 401  | submit_lead with a missing or unknown API key                     |
-- | PT404    | 404  | a lead or note that does not exist or belongs to another tenant   |
-- | PT429    | 429  | login refused after too many failures (lockout)                   |
-- | PT503    | 503  | the database lacks its JWT signing secret (deployment problem)    |
--
-- A RAISE rolls the request back. Calls that must leave a trace (a rejected form submission in
-- integration_logs, a failed login counted) write it, then return private.api_error(...): the
-- error object PostgREST would have sent, with response.status set so the HTTP status matches.

create or replace function private.api_error(
  code text,
  message text,
  details text default null,
  hint text default null,
  status integer default 400
) returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  -- Transaction-local: the gateway (or PostgREST) reads it after the call, like a RAISE's status.
  perform pg_catalog.set_config('response.status', status::text, true);
  return pg_catalog.jsonb_build_object('code', code, 'message', message, 'details', details, 'hint', hint);
end
$$;
comment on function private.api_error(text, text, text, text, integer) is
  'PostgREST''s error object {code, message, details, hint} with response.status set to the 4xx: '
  'for calls that record a trace (integration_logs, failed logins) and so must not RAISE.';
revoke execute on function private.api_error(text, text, text, text, integer) from public;

create or replace function private.request_client_id()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  claim text := (select auth.jwt()) ->> 'client_id';
begin
  if claim is null or claim !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception using errcode = 'insufficient_privilege',
      message = 'this call needs a client''s session: the JWT has no valid client_id claim',
      hint = 'Log in with POST /rpc/login and send the access_token as Authorization: Bearer.';
  end if;
  return claim::uuid;
end
$$;
comment on function private.request_client_id() is
  'The caller''s client_id from the JWT claims; raises 42501 when absent (tenant never taken from a parameter).';
revoke execute on function private.request_client_id() from public;

create or replace function private.safe_inet(address text)
returns inet
language plpgsql
immutable
strict  -- no header, no call: the exception block below costs a subtransaction
set search_path = ''
as $$
begin
  return address::inet;
exception when invalid_text_representation then
  return null;
end
$$;
comment on function private.safe_inet(text) is 'The address as inet, or null when it is not one (a forged header must not fail the call).';
revoke execute on function private.safe_inet(text) from public;

create or replace function private.request_ip(headers jsonb)
returns inet
language sql
immutable
set search_path = ''
as $$
  -- The first X-Forwarded-For entry is the client as the nearest proxy saw it.
  select private.safe_inet(pg_catalog.btrim(pg_catalog.split_part(
           coalesce(headers ->> 'x-forwarded-for', headers ->> 'x-real-ip'), ',', 1)))
$$;
comment on function private.request_ip(jsonb) is 'The caller''s IP from the request headers (X-Forwarded-For, X-Real-IP), or null.';
revoke execute on function private.request_ip(jsonb) from public;
