-- Data rules stated once, used by the table constraints and by the RPCs that validate input
-- (an RPC checks first to answer with a clear, bilingual error; the constraint is the guarantee).
-- Immutable: a constraint may call them. Changing one is a migration that re-checks the rows.

create or replace function private.is_email_address(address text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- name@domain.tld: no space, no second @, at most 320 characters, and no invisible or control
  -- character (zero-width space and joiners, word joiner, soft hyphen, bidi marks, BOM): an
  -- address that looks right but is not the one typed.
  select address is not null
     and pg_catalog.char_length(address) <= 320
     and address ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
     and address !~ '[[:cntrl:]\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0]'
$$;
comment on function private.is_email_address(text) is
  'The e-mail syntax of the schema (clients.email, create_client, submit_lead): name@domain.tld, '
  'at most 320 characters, no space, control or invisible character (e.g. U+200B zero-width space).';
revoke execute on function private.is_email_address(text) from public;
-- A CHECK calls it with the writer's privileges: a client updating its own settings row too.
grant execute on function private.is_email_address(text) to authenticated, service_role;

create or replace function private.api_key_prefix(api_key text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- avk_ + 8 characters: enough to tell keys apart in logs and settings, far too few to use one.
  select pg_catalog.left(api_key, 12)
$$;
comment on function private.api_key_prefix(text) is
  'The shown part of a form API key (clients.api_key_prefix, integration_logs.api_key): its first 12 characters.';
revoke execute on function private.api_key_prefix(text) from public;
grant execute on function private.api_key_prefix(text) to service_role;

create or replace function private.lead_tones()
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- The tones the lead analysis gives (canonical English; French labels: translation_dictionary,
  -- context 'tone', which also names tones for other uses).
  select array['Professional', 'Friendly', 'Formal', 'Casual', 'Urgent', 'Frustrated', 'Enthusiastic']
$$;
comment on function private.lead_tones() is
  'The tone vocabulary of a lead (lead_memory.tone, record_lead_enrichment), canonical English.';
revoke execute on function private.lead_tones() from public;
grant execute on function private.lead_tones() to service_role;
