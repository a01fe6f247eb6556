-- clients: the tenants. client_id (not id) is the public tenant identifier: every tenant row
-- carries it and references clients (client_id); a dashboard JWT carries it as a claim.
create table public.clients (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null default gen_random_uuid(),
  business_name text not null,
  email text not null,
  password_hash text not null,
  api_key_hash text not null,
  api_key_prefix text not null,
  language text not null default 'en',
  email_tone text not null default 'Professional',
  ai_personalized_reply boolean not null default false,
  booking_link text,
  industry text,
  last_connection timestamptz,
  last_lead_received_at timestamptz,
  is_test boolean not null default false,
  is_internal boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  form_key text,
  form_origins text[] not null default '{}',
  constraint clients_client_id_key unique (client_id),
  constraint clients_email_key unique (email),
  constraint clients_api_key_hash_key unique (api_key_hash),
  constraint clients_business_name_check check (btrim(business_name) <> '' and char_length(business_name) <= 200),
  constraint clients_email_lowercase_check check (email = lower(btrim(email))),
  constraint clients_email_format_check check (private.is_email_address(email)),
  -- Only a bcrypt hash (pgcrypto crypt(..., gen_salt('bf'))) may be stored, never a password.
  constraint clients_password_hash_bcrypt_check check (password_hash ~ '^\$2[abxy]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
  constraint clients_api_key_hash_sha256_check check (api_key_hash ~ '^[0-9a-f]{64}$'),
  constraint clients_api_key_prefix_check check (api_key_prefix ~ '^avk_[A-Za-z0-9_-]{1,12}$'),
  constraint clients_language_check check (language in ('en', 'fr')),
  constraint clients_email_tone_check check (email_tone in ('Professional', 'Friendly', 'Formal', 'Energetic')),
  constraint clients_booking_link_check check (booking_link is null or booking_link ~* '^https?://'),
  constraint clients_form_key_key unique (form_key),
  constraint clients_form_key_check check (form_key ~ '^avf_[A-Za-z0-9]{32}$'),
  constraint clients_form_origins_check check (
    cardinality(form_origins) <= 20 and array_position(form_origins, null) is null
    and array_to_string(form_origins, ' ') ~ '^(https?://[a-z0-9.-]+(:[0-9]{1,5})?( |$))*$')
);

comment on table public.clients is
  'Tenant-owned (the tenant itself): client accounts, hashed credentials and branding settings. '
  'A client sees and edits its own row (not the hashes); service_role manages all.';
comment on column public.clients.id is 'Internal row identifier.';
comment on column public.clients.client_id is
  'Public tenant identifier: the JWT claim client_id and the key every tenant table references.';
comment on column public.clients.email is 'Login e-mail, stored lower-case; unique.';
comment on column public.clients.password_hash is 'bcrypt hash (pgcrypto crypt + gen_salt(''bf'')); never exposed to the API.';
comment on column public.clients.api_key_hash is
  'Hex SHA-256 digest of the form API key (stands in for the spec''s plaintext api_key; the key is shown once).';
comment on column public.clients.api_key_prefix is 'First characters of the API key (e.g. avk_1a2b3c4d), to recognise it in logs.';
comment on column public.clients.language is 'Preferred language: en or fr.';
comment on column public.clients.email_tone is 'Tone of automated replies: Professional, Friendly, Formal or Energetic.';
comment on column public.clients.ai_personalized_reply is 'When true, each new lead gets an AI-personalised e-mail reply.';
comment on column public.clients.booking_link is 'Booking calendar link inserted into replies.';
comment on column public.clients.industry is 'Client''s industry (branding and analytics).';
comment on column public.clients.last_connection is 'Last API activity of the client''s integration (connection health).';
comment on column public.clients.last_lead_received_at is 'When the last lead arrived from the client''s form (connection health).';
comment on column public.clients.is_test is 'Test/demo account: every row created for it is is_test too.';
comment on column public.clients.is_internal is
  'Avenir''s own account: may read the global prospecting tables (prospect_*, email_templates, avenir_profile_embeddings).';

comment on column public.clients.form_key is
  'Public form key (avf_ + 32 base62) for the embeddable lead form: submits leads only, from form_origins, '
  'within the per-address budget; stored as is because a web page shows it anyway (rotate_form_key).';
comment on column public.clients.form_origins is
  'Sites allowed to submit leads with the form key: origins such as https://www.example.com (scheme, host, '
  'port), at most 20; empty = the form key is refused everywhere (set_form_origins).';
comment on column public.clients.business_name is 'Name of the client''s business (shown in replies).';

create trigger clients_set_updated_at
  before update on public.clients
  for each row execute function private.tg__set_updated_at();

alter table public.clients enable row level security;
alter table public.clients force row level security;

-- Deny by default (Supabase grants everything on new tables to the API roles); grant beside it.
revoke all on table public.clients from anon, authenticated;
grant select, insert, update, delete on table public.clients to service_role;
-- A client reads its own account but never the credential hashes, and edits only its settings.
grant select (id, client_id, business_name, email, api_key_prefix, language, email_tone,
              ai_personalized_reply, booking_link, industry, last_connection, last_lead_received_at,
              is_test, is_internal, created_at, updated_at, form_key, form_origins)
  on table public.clients to authenticated;
grant update (business_name, language, email_tone, ai_personalized_reply, booking_link, industry)
  on table public.clients to authenticated;
