-- The activity journal of the dashboard: a lead's actions and notes in one timeline.
-- security_invoker: the caller's RLS on lead_actions and lead_notes decides what it sees.
create or replace view public.lead_journal with (security_invoker = true) as
select a.client_id, a.lead_id, a.id as entry_id, 'action'::text as entry_type,
       a.action_type as action, a.tag, a.conversion_outcome, a.reversion_reason,
       null::text as note, a.performed_by, a."timestamp" as occurred_at, a.is_test
  from public.lead_actions a
union all
select n.client_id, n.lead_id, n.id, 'note', 'note', null, null, null,
       n.note, n.performed_by, n.created_at, n.is_test
  from public.lead_notes n
-- A note and the note_added action share their timestamp: the action comes first.
order by lead_id, occurred_at, entry_type, entry_id;

comment on view public.lead_journal is
  'Activity journal per lead, in time order: every lead_actions row (action_type exposed as action) and every '
  'current note (entry_type note, with its text). Reads through the caller''s RLS (security_invoker).';
comment on column public.lead_journal.entry_type is 'action (a lead_actions row) or note (a lead_notes row).';
comment on column public.lead_journal.action is
  'lead_actions.action_type (created, tagged, ..., note_added), or note for a note entry.';
comment on column public.lead_journal.occurred_at is 'When it happened: the action''s timestamp or the note''s creation.';

revoke all on public.lead_journal from anon, authenticated;
grant select on public.lead_journal to authenticated, service_role;
