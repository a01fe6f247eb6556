-- Bounds on integration_logs: a log budget for rejected calls per client address (two scopes of
-- private.claim_address_budget, functions/address_budgets.sql) and the retention purge run by
-- pg_cron (cron/retention.sql).

create or replace function private.may_log_rejection(client_address text, key_prefix text)
returns boolean
language sql
volatile
set search_path = ''
as $$
  -- 20 per (address, key prefix) and 100 per address in 10 minutes; the address-wide slot is only
  -- taken when the pair still had one (a stranger varying keys still meets the address's limit).
  select private.claim_address_budget('rejected_call_log', coalesce(key_prefix, ''), client_address) is null
         and private.claim_address_budget('rejected_call_log_address', '', client_address) is null
$$;
comment on function private.may_log_rejection(text, text) is
  'Whether a rejected API call from this address with this key prefix is logged in integration_logs: '
  '20 per (address, key prefix) and 100 per address in 10 minutes; over that it is only counted.';
revoke execute on function private.may_log_rejection(text, text) from public;

create or replace function private.purge_integration_logs(kept_for interval default interval '30 days')
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  logs integer;
  budgets integer;
begin
  delete from public.integration_logs l where l.created_at < pg_catalog.now() - kept_for;
  get diagnostics logs = row_count;
  -- Every per-address budget (log, form key, tracking) idle for a day: the longest window is 10 minutes.
  delete from private.address_budgets b where b.window_start < pg_catalog.now() - interval '1 day';
  get diagnostics budgets = row_count;
  return pg_catalog.jsonb_build_object('integration_logs', logs, 'address_budgets', budgets);
end
$$;
comment on function private.purge_integration_logs(interval) is
  'Delete integration_logs rows older than the retention (default 30 days) and the per-address budgets idle for a '
  'day; returns the counts. Scheduled daily as avenir-purge-integration-logs (cron/retention.sql).';
revoke execute on function private.purge_integration_logs(interval) from public;
grant execute on function private.purge_integration_logs(interval) to service_role;
