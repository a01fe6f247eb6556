-- What a Supabase project already has before our migrations run (../shared/reference/supabase-neon.md
-- §3): its API roles, owned by its admin, and an `auth` schema owned by supabase_auth_admin with
-- auth.users and the claim helpers as Supabase defines them (reading the older per-claim settings
-- too). Our migrations must leave all of it as it is.
create role supabase_admin with login superuser createrole createdb replication bypassrls;
create role supabase_auth_admin with noinherit createrole login;
create role anon with nologin noinherit;
create role authenticated with nologin noinherit;
create role service_role with nologin noinherit bypassrls;
create role authenticator with login noinherit;
grant anon, authenticated, service_role to authenticator;
comment on role anon is 'Supabase: requests without a user';

create schema auth authorization supabase_auth_admin;
grant usage on schema auth to anon, authenticated, service_role;

create table auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  created_at timestamptz,
  updated_at timestamptz
);
alter table auth.users owner to supabase_auth_admin;

create function auth.uid() returns uuid language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$$;
comment on function auth.uid() is 'Deprecated. Use auth.jwt() -> ''sub'' instead.';

create function auth.role() returns text language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
$$;
comment on function auth.role() is 'Deprecated. Use auth.jwt() -> ''role'' instead.';

create function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                  nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;
alter function auth.uid() owner to supabase_auth_admin;
alter function auth.role() owner to supabase_auth_admin;
alter function auth.jwt() owner to supabase_auth_admin;
