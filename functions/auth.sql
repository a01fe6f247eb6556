-- Supabase-compatible auth helpers reading the claims the API sets per request
-- (`request.jwt.claims`). Created only where absent: on Supabase they already exist.
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

do $do$
begin
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb
      language sql stable
      as $$ select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb $$;
    comment on function auth.jwt() is 'The JWT claims of the current request (created by avenir).';
  end if;

  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text
      language sql stable
      as $$ select nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role' $$;
    comment on function auth.role() is 'The role claim of the current request (created by avenir).';
  end if;

  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid
      language sql stable
      as $$ select (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid $$;
    comment on function auth.uid() is 'The sub claim of the current request as a uuid (created by avenir).';
  end if;
end
$do$;

grant execute on function auth.jwt(), auth.role(), auth.uid() to anon, authenticated, service_role;
