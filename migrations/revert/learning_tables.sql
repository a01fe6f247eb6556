-- Revert avenir:learning_tables from pg
begin;
drop index if exists public.feedback_tracking_client_id_corrections_idx;
delete from public.lead_actions where action_type = 'analysis_corrected';
alter table public.lead_actions drop constraint lead_actions_action_type_check;
alter table public.lead_actions add constraint lead_actions_action_type_check check (action_type in (
  'created', 'tagged', 'untagged', 'archived', 'deleted', 'reactivated',
  'note_added', 'note_updated', 'note_deleted'));
comment on column public.lead_actions.action_type is
  'created, tagged, untagged, archived, deleted, reactivated, or note_added / note_updated / note_deleted.';
commit;
