-- Failed logins per client address, for the growing address throttle of login(): an address may
-- fail 30 times, then waits 1 s, 2 s, 4 s ... (capped at 1 hour) after each further failure, and
-- is forgotten 24 hours after its last failure. Private: written only by the security-definer
-- login function. Its row is also the lock that serialises the attempts of one address, so
-- concurrent guesses are counted exactly.
create table private.login_address_throttle (
  client_address text primary key,
  failures integer not null default 0,
  last_failure_at timestamptz,
  blocked_until timestamptz,
  constraint login_address_throttle_client_address_check check (char_length(client_address) between 1 and 64),
  constraint login_address_throttle_failures_check check (failures >= 0)
);
-- Pruning: addresses quiet for 24 hours (private.prune_login_attempts, from pg_cron).
create index login_address_throttle_last_failure_at_idx on private.login_address_throttle (last_failure_at);

comment on table private.login_address_throttle is
  'Failed logins per client address (any e-mail) with the growing backoff they earn; one row per address, '
  'its lock serialises that address''s logins. Forgotten 24 hours after the last failure.';
comment on column private.login_address_throttle.client_address is
  'The client address from request.headers (X-Forwarded-For, X-Real-IP), or ''unknown'' when there is none.';
comment on column private.login_address_throttle.failures is
  'Failed logins from this address since it was last quiet for 24 hours.';
comment on column private.login_address_throttle.blocked_until is
  'Logins from this address are refused (before any password check) until then.';

alter table private.login_address_throttle enable row level security;
alter table private.login_address_throttle force row level security;
revoke all on table private.login_address_throttle from public, anon, authenticated;
grant select on table private.login_address_throttle to service_role;
