-- Verify avenir:performance_metrics_replication on pg
do $$
begin
  if not exists (select from pg_constraint
                  where conname = 'performance_metrics_event_type_check'
                    and pg_get_constraintdef(oid) like '%replication_check%') then
    raise exception 'performance_metrics.event_type does not accept replication_check';
  end if;
  if not exists (select from pg_constraint
                  where conname = 'performance_metrics_source_component_check'
                    and pg_get_constraintdef(oid) like '%replication_monitor%') then
    raise exception 'performance_metrics.source_component does not accept replication_monitor';
  end if;
end
$$;
