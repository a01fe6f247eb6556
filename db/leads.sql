-- Lead processing: lead_memory and its two children. Children reference their lead WITH the
-- tenant in the key, so no action or note can point into another client's lead.

create table public.lead_memory (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (client_id) on delete cascade,
  name text,
  email text,
  message text,
  ai_summary text,
  intent text,
  tone text,
  urgency text,
  confidence_score numeric(3,2),
  tone_history jsonb not null default '[]',
  confidence_history jsonb not null default '[]',
  urgency_history jsonb not null default '[]',
  archived boolean not null default false,
  deleted boolean not null default false,
  current_tag text,
  language text,
  is_test boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint lead_memory_client_id_id_key unique (client_id, id),
  constraint lead_memory_urgency_check check (urgency in ('High', 'Medium', 'Low')),
  constraint lead_memory_tone_check check (tone = any (private.lead_tones())),
  constraint lead_memory_confidence_score_check check (confidence_score between 0 and 1),
  constraint lead_memory_tone_history_check check (jsonb_typeof(tone_history) = 'array'),
  constraint lead_memory_confidence_history_check check (jsonb_typeof(confidence_history) = 'array'),
  constraint lead_memory_urgency_history_check check (jsonb_typeof(urgency_history) = 'array'),
  constraint lead_memory_language_check check (language in ('en', 'fr')),
  constraint lead_memory_email_length_check check (char_length(email) <= 320),
  constraint lead_memory_name_length_check check (char_length(name) <= 200),
  constraint lead_memory_message_length_check check (char_length(message) <= 10000)
);
-- The dashboard's list: a client's leads, newest first, read in index order with no sort whatever
-- the deleted filter (deleted=eq.false, deleted=is.false or none). Full, not partial on `not deleted`:
-- a partial index serves only the queries whose WHERE implies its predicate (`deleted is false`
-- does not imply `not deleted`, a boolean's null case differs).
create index lead_memory_client_id_created_at_idx
  on public.lead_memory (client_id, created_at desc);
-- submit_lead's idempotency window: the same client's leads from one e-mail, newest first (a
-- double-submitted form within 10 minutes returns the first lead).
create index lead_memory_client_id_email_created_at_idx
  on public.lead_memory (client_id, email, created_at desc);

comment on table public.lead_memory is
  'Tenant-owned: every incoming lead with its AI enrichment. Clients read their own rows; '
  'writes go through the lead RPCs (submit_lead, tag_lead, ...) and the service worker.';
comment on column public.lead_memory.ai_summary is 'AI-generated summary of the message.';
comment on column public.lead_memory.intent is 'AI-detected intent, canonical English (e.g. B2B Partnership); see intent_translations.';
comment on column public.lead_memory.tone is 'AI-detected tone, canonical English, one of private.lead_tones() (e.g. Professional).';
comment on column public.lead_memory.urgency is 'AI-detected urgency: High, Medium or Low (French labels live in translation_dictionary).';
comment on column public.lead_memory.confidence_score is 'AI confidence in the enrichment, 0.00-1.00.';
comment on column public.lead_memory.tone_history is 'JSONB array of successive tone predictions.';
comment on column public.lead_memory.confidence_history is 'JSONB array of successive confidence scores.';
comment on column public.lead_memory.urgency_history is 'JSONB array of successive urgency predictions.';
comment on column public.lead_memory.archived is 'Archived by the client (hidden from the active list, kept for analytics).';
comment on column public.lead_memory.deleted is 'Soft-deleted by the client (can be reactivated).';
comment on column public.lead_memory.current_tag is 'Current tag, canonical English (e.g. Hot Lead, Converted).';
comment on column public.lead_memory.language is 'Lead''s language: en or fr.';
comment on column public.lead_memory.is_test is 'Test lead (set automatically for an is_test client).';

comment on column public.lead_memory.client_id is 'Owning client (clients.client_id).';
comment on column public.lead_memory.name is 'Lead''s name, as submitted.';
comment on column public.lead_memory.email is 'Lead''s e-mail, as submitted.';
comment on column public.lead_memory.message is 'Lead''s original message.';

create trigger lead_memory_set_updated_at
  before update on public.lead_memory
  for each row execute function private.tg__set_updated_at();
create trigger lead_memory_inherit_is_test
  before insert on public.lead_memory
  for each row execute function private.tg__inherit_is_test();

create table public.lead_actions (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid not null,
  client_id uuid not null references public.clients (client_id) on delete cascade,
  action_type text not null,
  tag text,
  "timestamp" timestamptz not null default now(),
  conversion_outcome boolean not null default false,
  reversion_reason text,
  performed_by text,
  is_test boolean not null default false,
  constraint lead_actions_lead_fkey foreign key (client_id, lead_id)
    references public.lead_memory (client_id, id) on delete cascade,
  constraint lead_actions_action_type_check check (action_type in (
    'created', 'tagged', 'untagged', 'archived', 'deleted', 'reactivated',
    'note_added', 'note_updated', 'note_deleted', 'analysis_corrected')),
  constraint lead_actions_tag_required_check check (action_type <> 'tagged' or tag is not null),
  constraint lead_actions_reversion_reason_check check (char_length(reversion_reason) <= 1000)
);
create index lead_actions_client_id_lead_id_timestamp_idx
  on public.lead_actions (client_id, lead_id, "timestamp" desc);
-- The dashboard's Activity Log: a client's actions, newest first.
create index lead_actions_client_id_timestamp_idx on public.lead_actions (client_id, "timestamp" desc);

comment on table public.lead_actions is
  'Tenant-owned audit trail of every action on a lead (the dashboard Activity Log; action_type is "action" in the UI). '
  'Append-only: written by the lead RPCs, read by the client.';
comment on column public.lead_actions.action_type is
  'created, tagged, untagged, archived, deleted, reactivated, note_added / note_updated / note_deleted, '
  'or analysis_corrected (correct_lead_analysis).';
comment on column public.lead_actions.tag is 'Tag applied (required when action_type = tagged), canonical English.';
comment on column public.lead_actions."timestamp" is 'When the action happened.';
comment on column public.lead_actions.conversion_outcome is 'True when this action records the lead''s conversion.';
comment on column public.lead_actions.reversion_reason is 'Why a converted lead was re-tagged (reverted).';
comment on column public.lead_actions.performed_by is 'Who acted (e.g. admin, system, the client''s e-mail).';
comment on column public.lead_actions.is_test is 'Test action (set automatically for an is_test client).';

comment on column public.lead_actions.lead_id is 'Lead acted on; (client_id, lead_id) references lead_memory (client_id, id).';
comment on column public.lead_actions.client_id is 'Client whose lead it is (clients.client_id).';

create trigger lead_actions_inherit_is_test
  before insert on public.lead_actions
  for each row execute function private.tg__inherit_is_test();

create table public.lead_notes (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid not null,
  client_id uuid not null references public.clients (client_id) on delete cascade,
  note text not null,
  performed_by text not null default 'admin',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  is_test boolean not null default false,
  constraint lead_notes_lead_fkey foreign key (client_id, lead_id)
    references public.lead_memory (client_id, id) on delete cascade,
  constraint lead_notes_note_check check (btrim(note) <> '' and char_length(note) <= 10000)
);
create index lead_notes_client_id_lead_id_created_at_idx on public.lead_notes (client_id, lead_id, created_at);

comment on table public.lead_notes is
  'Tenant-owned: notes a client adds to its leads (expandable notes in the dashboard); written through the note RPCs.';
comment on column public.lead_notes.performed_by is 'Who wrote the note (usually admin).';
comment on column public.lead_notes.is_test is 'Test note (set automatically for an is_test client).';

comment on column public.lead_notes.lead_id is 'Lead the note belongs to; (client_id, lead_id) references lead_memory (client_id, id).';
comment on column public.lead_notes.client_id is 'Client who wrote the note (clients.client_id).';
comment on column public.lead_notes.note is 'The note''s text (1 to 10,000 characters).';

create trigger lead_notes_set_updated_at
  before update on public.lead_notes
  for each row execute function private.tg__set_updated_at();
create trigger lead_notes_inherit_is_test
  before insert on public.lead_notes
  for each row execute function private.tg__inherit_is_test();

alter table public.lead_memory enable row level security;
alter table public.lead_memory force row level security;
alter table public.lead_actions enable row level security;
alter table public.lead_actions force row level security;
alter table public.lead_notes enable row level security;
alter table public.lead_notes force row level security;

-- Clients read their leads; every change goes through the security-definer lead RPCs.
revoke all on table public.lead_memory, public.lead_actions, public.lead_notes from anon, authenticated;
grant select on table public.lead_memory, public.lead_actions, public.lead_notes to authenticated;
grant select, insert, update, delete on table public.lead_memory, public.lead_actions, public.lead_notes
  to service_role;
