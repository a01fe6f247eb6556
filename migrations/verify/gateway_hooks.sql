-- Verify avenir:gateway_hooks on pg
do $$
begin
  if to_regprocedure('gateway_hooks.rejected_rpc(text, jsonb, integer, jsonb)') is null then
    raise exception 'function gateway_hooks.rejected_rpc(text, jsonb, integer, jsonb) is missing';
  end if;
  if not has_function_privilege('anon', 'gateway_hooks.rejected_rpc(text, jsonb, integer, jsonb)', 'execute') then
    raise exception 'anon must be able to execute gateway_hooks.rejected_rpc';
  end if;
end
$$;
