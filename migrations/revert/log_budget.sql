-- Revert avenir:log_budget from pg
begin;
drop function if exists private.purge_integration_logs(interval);
drop function if exists private.may_log_rejection(text, text);
drop function if exists private.set_retry_after(timestamptz);
drop function if exists private.claim_address_budget(text, text, text);
drop function if exists private.address_budget_limit(text);
drop table if exists private.address_budgets;
commit;
