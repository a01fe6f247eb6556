-- Failed logins, counted per e-mail for the lockout of login() (10 failures in 15 minutes).
-- Private: written only by the security-definer login function; no grants, RLS with no policy
-- for the API roles (service_role reads it for support).
create table private.login_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  attempted_at timestamptz not null default now(),
  ip_address inet,
  constraint login_attempts_email_check check (char_length(email) <= 320)
);
-- The lockout count: this e-mail's failures in the last 15 minutes.
create index login_attempts_email_attempted_at_idx on private.login_attempts (email, attempted_at desc);

-- Pruning: failures of e-mails never tried again (private.prune_login_attempts, e.g. from pg_cron).
create index login_attempts_attempted_at_idx on private.login_attempts (attempted_at);

comment on table private.login_attempts is
  'Failed logins per e-mail (known or not, so the lockout leaks nothing); pruned after 15 minutes by login().';

alter table private.login_attempts enable row level security;
revoke all on table private.login_attempts from public, anon, authenticated;
grant select on table private.login_attempts to service_role;
