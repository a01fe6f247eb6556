-- Retention of integration_logs: rows older than 30 days are deleted every night (03:41 UTC), with
-- the log budgets of rejected calls idle for a day. cron.schedule replaces a job of the same name.
do $$
begin
  perform cron.schedule('avenir-purge-integration-logs', '41 3 * * *', 'select private.purge_integration_logs()');
end
$$;
