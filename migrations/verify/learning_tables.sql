-- Verify avenir:learning_tables on pg
do $$
begin
  if to_regclass('public.feedback_tracking_client_id_corrections_idx') is null then
    raise exception 'index feedback_tracking_client_id_corrections_idx is missing';
  end if;
  if not exists (select from pg_constraint where conname = 'lead_actions_action_type_check'
                 and pg_get_constraintdef(oid) like '%analysis_corrected%') then
    raise exception 'lead_actions_action_type_check does not accept analysis_corrected';
  end if;
end
$$;
