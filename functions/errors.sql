-- The SQLSTATE registry of the client-facing RPCs (accounts, lead capture, lifecycle, notes),
-- and private.api_error, the error object of calls that must not RAISE. The request helpers
-- (caller's client_id, caller's IP) are in functions/requests.sql.
-- Every code below is one PostgREST maps to a 4xx; never P0002 or another P0* (those become 500).
--
-- | SQLSTATE | HTTP | used for                                                          |
-- | -------- | ---- | ----------------------------------------------------------------- |
-- | 22023    | 400  | invalid_parameter_value: a bad field (name, e-mail, tag, note...) |
-- | 25006    | 405  | login called by GET/HEAD (a read-only transaction): refused first |
-- | 42501    | 401/403 | insufficient_privilege: no client_id claim in the JWT          |
-- | 23505    | 409  | unique_violation: an account with this e-mail already exists      |
-- | 28P01    | 403  | invalid_password: login with a wrong e-mail or password           |
-- | PT401    | 401  | submit_lead with a missing or unknown API key                     |
-- | PT403    | 403  | submit_lead with a form key from a site not in form_origins       |
-- | PT404    | 404  | a lead or note that does not exist or belongs to another tenant   |
-- | PT406    | 406  | login asked with an Accept/Prefer that could roll it back         |
-- | PT429    | 429  | login throttled (per e-mail and address, per address; Retry-After) |
-- |          |      | or a form key's address over its budget (20 leads / 10 min)        |
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
