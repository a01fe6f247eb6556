-- Revert avenir:log_budget from pg
begin;
drop function if exists private.purge_integration_logs(interval);
drop function if exists private.may_log_rejection(text, text);
drop function if exists private.claim_log_budget(text, text, integer);
drop table if exists private.rejected_call_budget;
commit;
