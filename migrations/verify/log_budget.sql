-- Verify avenir:log_budget on pg
do $$
begin
  if to_regclass('private.address_budgets') is null then
    raise exception 'private.address_budgets is missing';
  end if;
  if to_regprocedure('private.claim_address_budget(text, text, text)') is null then
    raise exception 'function private.claim_address_budget(text, text, text) is missing';
  end if;
  if (private.address_budget_limit('tracking')).per_window is null then
    raise exception 'the tracking scope has no limit';
  end if;
  if to_regprocedure('private.may_log_rejection(text, text)') is null then
    raise exception 'function private.may_log_rejection(text, text) is missing';
  end if;
  if to_regprocedure('private.purge_integration_logs(interval)') is null then
    raise exception 'function private.purge_integration_logs(interval) is missing';
  end if;
end
$$;
