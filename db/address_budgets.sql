-- What each client address may make a stranger's call do lately: one row per (scope, subject,
-- address) and fixed window, so the work anyone on the internet can trigger is bounded. The scopes
-- and their limits are stated once in private.address_budget_limit (functions/address_budgets.sql):
-- rejected API calls logged in integration_logs, leads sent with a client's public form key, the
-- outreach tracking endpoints (open pixel, click redirect, one-click unsubscribe).
-- Private: written only by security-definer functions; service_role reads it for support.
create table private.address_budgets (
  scope text not null,
  subject text not null default '',
  client_address text not null,
  window_start timestamptz not null default now(),
  used integer not null default 0,
  refused bigint not null default 0,
  primary key (scope, subject, client_address),
  constraint address_budgets_scope_check check (char_length(scope) between 1 and 40),
  constraint address_budgets_subject_check check (char_length(subject) <= 40),
  constraint address_budgets_client_address_check check (char_length(client_address) between 1 and 64),
  constraint address_budgets_counts_check check (used >= 0 and refused >= 0)
);
-- Pruning: budgets whose window ended long ago (private.purge_integration_logs, from pg_cron).
create index address_budgets_window_start_idx on private.address_budgets (window_start);

comment on table private.address_budgets is
  'Calls per client address in the current window of each budget scope (private.address_budget_limit): how many '
  'were let through (used) and how many were refused over the limit.';
comment on column private.address_budgets.scope is
  'Which budget: rejected_call_log, rejected_call_log_address, form_submission or tracking (private.address_budget_limit).';
comment on column private.address_budgets.subject is
  'What the budget is of within the scope: the API key''s first 12 characters as sent (rejected_call_log), the '
  'client id (form_submission), or empty (a budget of the whole address).';
comment on column private.address_budgets.client_address is
  'The caller''s address (first X-Forwarded-For entry, else X-Real-IP, else unknown).';
comment on column private.address_budgets.used is 'Calls let through in this window.';
comment on column private.address_budgets.refused is 'Calls refused over the limit (all time, until pruned).';

alter table private.address_budgets enable row level security;
alter table private.address_budgets force row level security;
revoke all on table private.address_budgets from public, anon, authenticated;
grant select on table private.address_budgets to service_role;
