-- Request helpers the RPCs share: the caller's client_id from the JWT, the caller's IP from the
-- request headers (the gateway, like PostgREST, sets request.jwt.claims and request.headers).

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
