-- Verify avenir:log_budget on pg
do $$
begin
  if to_regclass('private.rejected_call_budget') is null then
    raise exception 'private.rejected_call_budget is missing';
  end if;
  if to_regprocedure('private.may_log_rejection(text, text)') is null then
    raise exception 'function private.may_log_rejection(text, text) is missing';
  end if;
  if to_regprocedure('private.purge_integration_logs(interval)') is null then
    raise exception 'function private.purge_integration_logs(interval) is missing';
  end if;
end
$$;
