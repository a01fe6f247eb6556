-- Changes to existing tables for the learning loop (sqitch change learning_tables). db/leads.sql and
-- db/intelligence.sql describe the result (and a fresh deploy already has it from them): idempotent.
-- A client's correction of the AI is audited in lead_actions like every other action on a lead.
alter table public.lead_actions drop constraint lead_actions_action_type_check;
alter table public.lead_actions add constraint lead_actions_action_type_check check (action_type in (
  'created', 'tagged', 'untagged', 'archived', 'deleted', 'reactivated',
  'note_added', 'note_updated', 'note_deleted', 'analysis_corrected'));
comment on column public.lead_actions.action_type is
  'created, tagged, untagged, archived, deleted, reactivated, note_added / note_updated / note_deleted, '
  'or analysis_corrected (correct_lead_analysis).';
-- The enrichment reads a client's corrections (its nearest neighbours) on every new lead.
create index if not exists feedback_tracking_client_id_corrections_idx on public.feedback_tracking (client_id, created_at desc)
  where action_type = 'user_action' and context_data ->> 'kind' = 'correction';
