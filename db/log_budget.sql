-- How many rejected API calls each client address has had logged lately, so a stranger cannot fill
-- the disk through integration_logs: per (address, API key prefix) 20 rejected calls are logged per
-- 10 minutes, per address (key_prefix '*') 100; the rest are only counted here (dropped).
-- Private: written only by security-definer lead capture; service_role reads it for support.
create table private.rejected_call_budget (
  client_address text not null,
  key_prefix text not null,
  window_start timestamptz not null default now(),
  logged integer not null default 0,
  dropped bigint not null default 0,
  primary key (client_address, key_prefix),
  constraint rejected_call_budget_client_address_check check (char_length(client_address) between 1 and 64),
  constraint rejected_call_budget_key_prefix_check check (char_length(key_prefix) <= 16),
  constraint rejected_call_budget_counts_check check (logged >= 0 and dropped >= 0)
);
-- Pruning: budgets whose window ended long ago (private.purge_integration_logs, from pg_cron).
create index rejected_call_budget_window_start_idx on private.rejected_call_budget (window_start);

comment on table private.rejected_call_budget is
  'Rejected API calls per client address and API key prefix in the current 10-minute window: how many were '
  'logged in integration_logs and how many were dropped (not logged) over the limit.';
comment on column private.rejected_call_budget.key_prefix is
  'The API key''s first 12 characters as sent (as integration_logs.api_key), or * for the whole address.';
comment on column private.rejected_call_budget.logged is 'Rejected calls logged in integration_logs in this window.';
comment on column private.rejected_call_budget.dropped is 'Rejected calls over the limit, not logged (all time, until pruned).';

alter table private.rejected_call_budget enable row level security;
alter table private.rejected_call_budget force row level security;
revoke all on table private.rejected_call_budget from public, anon, authenticated;
grant select on table private.rejected_call_budget to service_role;
