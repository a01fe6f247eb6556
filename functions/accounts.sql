-- Client accounts: create_client (service_role), login (anon), rotate_api_key (authenticated),
-- and the API-key helpers. Elsewhere: vocabulary lookups (functions/vocabulary.sql), JWT signing
-- (functions/jwt.sql), the e-mail rule and key prefix (functions/data_rules.sql), errors
-- (functions/errors.sql).

create or replace function private.new_api_key()
returns text
language sql
volatile
set search_path = ''
as $$
  -- avk_ + 40 base62 characters from 40 random bytes (byte % 62: a slight bias, ~238 bits left).
  select 'avk_' || pg_catalog.string_agg(
           pg_catalog.substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
                             pg_catalog.get_byte(r.bytes, i) % 62 + 1, 1), '' order by i)
    from (select extensions.gen_random_bytes(40) as bytes) r, pg_catalog.generate_series(0, 39) i
$$;
comment on function private.new_api_key() is 'A fresh form API key: avk_ followed by 40 random base62 characters.';
revoke execute on function private.new_api_key() from public;
grant execute on function private.new_api_key() to service_role;

create or replace function private.api_key_digest(api_key text)
returns text
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.encode(extensions.digest(api_key, 'sha256'), 'hex')
$$;
comment on function private.api_key_digest(text) is 'Hex SHA-256 of an API key: what clients.api_key_hash stores.';
revoke execute on function private.api_key_digest(text) from public;
grant execute on function private.api_key_digest(text) to service_role;

create or replace function public.create_client(
  business_name text,
  email text,
  password text,
  language text,
  email_tone text default 'Professional',
  booking_link text default null,
  ai_personalized_reply boolean default false,
  is_test boolean default false,
  is_internal boolean default false
) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  clean_email text := pg_catalog.lower(pg_catalog.btrim(create_client.email));
  tone text := private.canonical_term('email_tone', coalesce(create_client.email_tone, 'Professional'));
  key text := private.new_api_key();
  new_client_id uuid;
begin
  if coalesce(pg_catalog.btrim(business_name), '') = '' or pg_catalog.char_length(business_name) > 200 then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('business_name must be 1 to 200 characters, got %L', pg_catalog.left(business_name, 50)),
      hint = 'Give the business name as the client''s customers know it.';
  end if;
  if not private.is_email_address(clean_email) then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('email %L is not a valid e-mail address', pg_catalog.left(create_client.email, 80)),
      hint = 'Use the address the client will log in with, of the form name@domain.';
  end if;
  if password is null or pg_catalog.char_length(password) < 10 then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('password must be at least 10 characters, got %s', coalesce(pg_catalog.char_length(password), 0)),
      hint = 'Choose a longer password, e.g. a passphrase of several words.';
  end if;
  if pg_catalog.octet_length(password) > 72 then
    -- bcrypt ignores every byte past the 72nd: refuse rather than silently weaken the password.
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('password must be at most 72 bytes, got %s', pg_catalog.octet_length(password)),
      hint = 'Choose a shorter passphrase.';
  end if;
  if language is null or language not in ('en', 'fr') then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('language must be en or fr, got %L', language),
      hint = 'Use en for English or fr for French.';
  end if;
  if tone is null then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('email_tone %L is not a known tone', create_client.email_tone),
      hint = 'Use one of: ' || coalesce(private.vocabulary('email_tone'), 'Professional') || '.';
  end if;
  if booking_link is not null and booking_link !~* '^https?://' then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('booking_link %L is not an http(s) link', pg_catalog.left(booking_link, 80)),
      hint = 'Give the full link, starting with https://.';
  end if;

  begin
    insert into public.clients as c (business_name, email, password_hash, api_key_hash, api_key_prefix, language,
                                     email_tone, booking_link, ai_personalized_reply, is_test, is_internal)
    values (pg_catalog.btrim(create_client.business_name), clean_email,
            extensions.crypt(create_client.password, extensions.gen_salt('bf', 10)),
            private.api_key_digest(key), private.api_key_prefix(key), create_client.language, tone,
            create_client.booking_link, coalesce(create_client.ai_personalized_reply, false),
            coalesce(create_client.is_test, false), coalesce(create_client.is_internal, false))
    returning c.client_id into new_client_id;
  exception when unique_violation then
    raise exception using errcode = 'unique_violation',
      message = pg_catalog.format('a client with the e-mail %L already exists', clean_email),
      hint = 'Log in with that account, or use another e-mail address.';
  end;
  return pg_catalog.jsonb_build_object('client_id', new_client_id, 'api_key', key);
end
$$;
comment on function public.create_client(text, text, text, text, text, text, boolean, boolean, boolean) is
  'Create a client account (service_role only). Returns {client_id, api_key}: the key is shown once, '
  'only its SHA-256 digest and prefix are stored; the password (>= 10 characters) is stored as a bcrypt hash.';
revoke execute on function public.create_client(text, text, text, text, text, text, boolean, boolean, boolean)
  from public, anon, authenticated;
grant execute on function public.create_client(text, text, text, text, text, text, boolean, boolean, boolean)
  to service_role;

create or replace function public.login(email text, password text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
-- Throttles (documented in README "Login throttling"): they key on the client address from
-- request.headers (X-Forwarded-For, X-Real-IP), trusted because the API is meant to sit behind a
-- proxy that overwrites those headers; without one every caller shares the address 'unknown'.
--   (e-mail, address): 10 failures in 15 minutes refuse that pair until the oldest is 15 minutes old;
--   address (any e-mail): 30 failures free, then 1 s, 2 s, 4 s ... up to 1 hour after each failure,
--     forgotten 24 hours after the last one.
-- No throttle is per e-mail alone: nobody can lock an owner out of an address they do not share.
declare
  headers jsonb := nullif(pg_catalog.current_setting('request.headers', true), '')::jsonb;
  ip inet := private.request_ip(headers);
  address text := coalesce(pg_catalog.host(ip), 'unknown');
  clean_email text := pg_catalog.left(pg_catalog.lower(pg_catalog.btrim(coalesce(login.email, ''))), 320);
  lifetime constant integer := 3600;
  max_failures constant integer := 10;
  failure_window constant interval := interval '15 minutes';
  address_free_failures constant integer := 30;
  address_max_delay constant interval := interval '1 hour';
  throttle private.login_address_throttle;
  failures integer;
  retry_after timestamptz;
  account record;
  valid boolean;
  issued_at bigint := pg_catalog.floor(extract(epoch from pg_catalog.now()))::bigint;
begin
  -- A GET or HEAD runs read-only: nothing could be counted, so refuse before anything else, alike
  -- for every password (a password in a URL also ends up in logs).
  if pg_catalog.current_setting('transaction_read_only') = 'on'
     or pg_catalog.current_setting('request.method', true) in ('GET', 'HEAD') then
    return private.api_error('25006', 'login must be sent with POST',
      'login counts every attempt, which a read-only (GET or HEAD) request cannot do',
      'Send POST /rpc/login with {"email": ..., "password": ...} as the JSON body.', 405);
  end if;

  -- A singular answer (Accept: application/vnd.pgrst.object+json) that a filter empties, or
  -- Prefer: tx=rollback, makes the gateway roll back after the call: a guess would go uncounted
  -- while its answer still told right from wrong. login answers one object: refuse both up front.
  if pg_catalog.lower(coalesce(headers ->> 'accept', '')) ~ 'application/vnd\.pgrst\.(object|plan)'
     or pg_catalog.lower(coalesce(headers ->> 'prefer', '')) ~ 'tx\s*=\s*rollback' then
    return private.api_error('PT406', 'login answers with plain JSON and always commits',
      'Accept: application/vnd.pgrst.object+json (or .plan) and Prefer: tx=rollback are refused for login',
      'Send POST /rpc/login with Accept: application/json and no Prefer: tx header.', 406);
  end if;

  -- The address's row is locked until commit: its attempts are serialised and counted exactly.
  insert into private.login_address_throttle as t (client_address) values (address)
  on conflict (client_address) do update set client_address = excluded.client_address
  returning t.* into throttle;
  if throttle.blocked_until > pg_catalog.now() then
    return private.login_refused(
      pg_catalog.format('too many failed logins from this address: try again after %s',
                        pg_catalog.to_char(throttle.blocked_until at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"')),
      pg_catalog.format('%s failed attempts from this address', throttle.failures), throttle.blocked_until);
  end if;

  select count(*)::integer, min(a.attempted_at) + failure_window
    into failures, retry_after
    from (select a.attempted_at from private.login_attempts a
           where a.email = clean_email and a.ip_address is not distinct from ip
             and a.attempted_at > pg_catalog.now() - failure_window
           order by a.attempted_at desc limit max_failures) a;
  if failures >= max_failures then
    return private.login_refused(
      pg_catalog.format('too many failed logins for this e-mail: try again after %s',
                        pg_catalog.to_char(retry_after at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"')),
      pg_catalog.format('%s failed attempts within %s from this address', failures, failure_window), retry_after);
  end if;

  -- Counted before the password is checked; a success removes the pair's failures below.
  insert into private.login_attempts (email, ip_address) values (clean_email, ip);

  select c.client_id, c.email, c.password_hash into account
    from public.clients c where c.email = clean_email;
  if found then
    valid := account.password_hash = extensions.crypt(coalesce(login.password, ''), account.password_hash);
  else
    -- Unknown e-mail: spend the same bcrypt work so the timing does not reveal which accounts exist.
    perform extensions.crypt(coalesce(login.password, ''), extensions.gen_salt('bf', 10));
    valid := false;
  end if;

  if not valid then
    update private.login_address_throttle t
       set failures = case when t.last_failure_at < pg_catalog.now() - interval '24 hours' then 1
                           else t.failures + 1 end,
           last_failure_at = pg_catalog.now()
     where t.client_address = address
    returning t.* into throttle;
    if throttle.failures > address_free_failures then
      update private.login_address_throttle t
         set blocked_until = pg_catalog.now() + least(address_max_delay,
               pg_catalog.make_interval(secs => pg_catalog.power(2, least(throttle.failures - address_free_failures - 1, 20))))
       where t.client_address = address;
    end if;
    delete from private.login_attempts a
     where a.email = clean_email and a.attempted_at < pg_catalog.now() - failure_window;
    return private.api_error('28P01', 'invalid e-mail or password', null,
      'Check the e-mail and password; after 10 failures in 15 minutes, login is refused for a while.', 403);
  end if;

  delete from private.login_attempts a where a.email = clean_email and a.ip_address is not distinct from ip;
  return pg_catalog.jsonb_build_object(
    'access_token', private.sign_jwt(pg_catalog.jsonb_build_object(
      'role', 'authenticated', 'client_id', account.client_id, 'sub', account.client_id,
      'email', account.email, 'iat', issued_at, 'exp', issued_at + lifetime)),
    'token_type', 'bearer',
    'expires_in', lifetime);
end
$$;
comment on function public.login(text, text) is
  'Log a client in (anon, POST only): returns {access_token, token_type, expires_in}, an HS256 JWT with '
  'role=authenticated and client_id. Unknown e-mail and wrong password fail alike (28P01, 403). Throttled per '
  '(e-mail, client address): 10 failures in 15 minutes; and per address: 30 failures, then a doubling wait up to '
  '1 hour (PT429 with Retry-After). GET/HEAD are refused up front (25006, 405).';
revoke execute on function public.login(text, text) from public;
grant execute on function public.login(text, text) to anon, authenticated, service_role;

create or replace function private.login_refused(message text, details text, retry_after timestamptz)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform private.set_retry_after(retry_after);
  return private.api_error('PT429', message, details,
    'Wait, then log in again; if the password is lost, ask Avenir support to reset it.', 429);
end
$$;
comment on function private.login_refused(text, text, timestamptz) is
  'login''s throttle answer: PT429 (429) with a Retry-After header, decided before any password check.';
revoke execute on function private.login_refused(text, text, timestamptz) from public;

create or replace function private.prune_login_attempts()
returns integer
language sql
set search_path = ''
as $$
  -- login() prunes the e-mail it sees; this sweeps e-mails never tried again (spraying many e-mails)
  -- and addresses quiet for 24 hours (their backoff is forgotten).
  with pruned as (
    delete from private.login_attempts a where a.attempted_at < pg_catalog.now() - interval '15 minutes' returning 1
  ), quiet as (
    delete from private.login_address_throttle t
     where (t.last_failure_at is null or t.last_failure_at < pg_catalog.now() - interval '24 hours')
       and (t.blocked_until is null or t.blocked_until < pg_catalog.now())
    returning 1
  )
  select ((select count(*) from pruned) + (select count(*) from quiet))::integer
$$;
comment on function private.prune_login_attempts() is
  'Delete failed logins older than the 15-minute window and addresses quiet for 24 hours; returns how many. '
  'For a periodic job.';
revoke execute on function private.prune_login_attempts() from public;
grant execute on function private.prune_login_attempts() to service_role;

create or replace function public.rotate_api_key()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.request_client_id();
  key text := private.new_api_key();
begin
  -- The old digest is overwritten: the old key stops working when this commits.
  update public.clients c
     set api_key_hash = private.api_key_digest(key), api_key_prefix = private.api_key_prefix(key)
   where c.client_id = caller;
  if not found then
    raise exception using errcode = 'insufficient_privilege',
      message = 'the client of this session no longer exists',
      hint = 'Log in again.';
  end if;
  return pg_catalog.jsonb_build_object('api_key', key, 'api_key_prefix', private.api_key_prefix(key));
end
$$;
comment on function public.rotate_api_key() is
  'Replace the caller''s form API key (authenticated): returns {api_key} once; the old key stops working at once.';
revoke execute on function public.rotate_api_key() from public;
grant execute on function public.rotate_api_key() to authenticated;
