-- Secrets the database itself needs (the JWT signing secret for `login`), written after each
-- deploy by `avenir up` / the test run from .avenir/secrets. No grants and RLS with no
-- policy: only the owner, which owns the security-definer functions that read it, sees a row.
create table if not exists private.secrets (
  name text primary key,
  value text not null check (length(value) >= 32),
  updated_at timestamptz not null default now()
);
revoke all on private.secrets from public, anon, authenticated, service_role;
alter table private.secrets enable row level security;
comment on table private.secrets is 'Secrets for in-database work (e.g. jwt_secret); readable by the owner only.';
