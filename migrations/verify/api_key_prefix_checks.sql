-- Verify avenir:api_key_prefix_checks on pg
do $$
begin
  if pg_get_constraintdef((select oid from pg_constraint where conname = 'clients_api_key_prefix_check'))
       not like '%api_key_prefix(%' then
    raise exception 'clients_api_key_prefix_check must take the length from private.api_key_prefix';
  end if;
  if pg_get_constraintdef((select oid from pg_constraint where conname = 'integration_logs_api_key_prefix_only_check'))
       not like '%api_key_prefix(%' then
    raise exception 'integration_logs_api_key_prefix_only_check must take the length from private.api_key_prefix';
  end if;
end
$$;
