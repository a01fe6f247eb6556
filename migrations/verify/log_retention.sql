-- Verify avenir:log_retention on pg
do $$
begin
  if not exists (select from cron.job where jobname = 'avenir-purge-integration-logs'
                  and command = 'select private.purge_integration_logs()') then
    raise exception 'pg_cron job avenir-purge-integration-logs is missing';
  end if;
end
$$;
