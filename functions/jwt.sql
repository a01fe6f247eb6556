-- JWT signing in the database (login's access token): HS256 with the API's secret, which
-- private.secrets holds (db/secrets.sql).

create or replace function private.base64url(data bytea)
returns text
language sql
immutable
set search_path = ''
as $$
  -- encode() wraps lines at 76 characters: drop the newlines with the URL-unsafe characters.
  select pg_catalog.rtrim(pg_catalog.translate(pg_catalog.encode(data, 'base64'), E'+/\n', '-_'), '=')
$$;
comment on function private.base64url(bytea) is 'Unpadded base64url, as JWTs use.';
revoke execute on function private.base64url(bytea) from public;

create or replace function private.sign_jwt(claims jsonb)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  secret text := (select s.value from private.secrets s where s.name = 'jwt_secret');
  signing_input text;
begin
  if secret is null then
    raise exception using errcode = 'PT503',
      message = 'login is not available: the database has no JWT signing secret',
      hint = 'Run avenir up (or avenir migrate deploy): it stores the API''s secret in private.secrets.';
  end if;
  signing_input := private.base64url(pg_catalog.convert_to('{"alg":"HS256","typ":"JWT"}', 'utf8'))
                   || '.' || private.base64url(pg_catalog.convert_to(claims::text, 'utf8'));
  return signing_input || '.'
         || private.base64url(extensions.hmac(pg_catalog.convert_to(signing_input, 'utf8'),
                                              pg_catalog.convert_to(secret, 'utf8'), 'sha256'));
end
$$;
comment on function private.sign_jwt(jsonb) is
  'An HS256 JWT of the given claims, signed with private.secrets.jwt_secret (the API''s secret).';
revoke execute on function private.sign_jwt(jsonb) from public;
