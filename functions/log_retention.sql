-- Bounds on integration_logs: a log budget for rejected calls per client address (the table is in
-- db/log_budget.sql) and the retention purge run by pg_cron (cron/retention.sql).

create or replace function private.claim_log_budget(client_address text, key_prefix text, per_window integer)
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
declare
  window_length constant interval := interval '10 minutes';
  budget private.rejected_call_budget;
  allowed boolean;
begin
  insert into private.rejected_call_budget as b (client_address, key_prefix)
  values (claim_log_budget.client_address, claim_log_budget.key_prefix)
  on conflict on constraint rejected_call_budget_pkey do nothing;
  -- The row lock serialises the rejected calls of one address and prefix: the count is exact.
  select * into budget from private.rejected_call_budget b
   where b.client_address = claim_log_budget.client_address and b.key_prefix = claim_log_budget.key_prefix
     for update;
  if budget.window_start < pg_catalog.now() - window_length then
    budget.window_start := pg_catalog.now();
    budget.logged := 0;
  end if;
  allowed := budget.logged < per_window;
  update private.rejected_call_budget b
     set window_start = budget.window_start,
         logged = budget.logged + case when allowed then 1 else 0 end,
         dropped = budget.dropped + case when allowed then 0 else 1 end
   where b.client_address = claim_log_budget.client_address and b.key_prefix = claim_log_budget.key_prefix;
  return allowed;
end
$$;
comment on function private.claim_log_budget(text, text, integer) is
  'Take one slot of the 10-minute log budget of a client address and key prefix: true when the rejected call '
  'may be logged (fewer than per_window logged in this window), else false and the call is counted as dropped.';
revoke execute on function private.claim_log_budget(text, text, integer) from public;

create or replace function private.may_log_rejection(client_address text, key_prefix text)
returns boolean
language sql
volatile
set search_path = ''
as $$
  -- 20 per (address, key prefix) and 100 per address in 10 minutes; the address-wide slot is only
  -- taken when the pair still had one (a stranger varying keys still meets the address's limit).
  select private.claim_log_budget(coalesce(client_address, 'unknown'), coalesce(key_prefix, ''), 20)
         and private.claim_log_budget(coalesce(client_address, 'unknown'), '*', 100)
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
  form_budgets integer;
begin
  delete from public.integration_logs l where l.created_at < pg_catalog.now() - kept_for;
  get diagnostics logs = row_count;
  delete from private.rejected_call_budget b where b.window_start < pg_catalog.now() - interval '1 day';
  get diagnostics budgets = row_count;
  -- The form keys' budgets (db/form_budget.sql, change form_keys): one row per client and address.
  delete from private.form_submission_budget f where f.window_start < pg_catalog.now() - interval '1 day';
  get diagnostics form_budgets = row_count;
  return pg_catalog.jsonb_build_object('integration_logs', logs, 'rejected_call_budget', budgets,
                                       'form_submission_budget', form_budgets);
end
$$;
comment on function private.purge_integration_logs(interval) is
  'Delete integration_logs rows older than the retention (default 30 days) and log and form budgets idle for a day; '
  'returns the counts. Scheduled daily as avenir-purge-integration-logs (cron/retention.sql).';
revoke execute on function private.purge_integration_logs(interval) from public;
grant execute on function private.purge_integration_logs(interval) to service_role;
