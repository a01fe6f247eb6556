-- Support tables: the integration log, Avenir's profile embeddings and the intent taxonomy.

create table public.integration_logs (
  id uuid primary key default gen_random_uuid(),
  client_id uuid references public.clients (client_id) on delete cascade,
  api_key text,
  endpoint text not null,
  method text not null,
  request_body jsonb not null default '{}',
  response_status integer,
  response_body jsonb,
  ip_address inet,
  user_agent text,
  created_at timestamptz not null default now(),
  -- Only the key's prefix may be logged: a full key (avk_ + 32 or more characters) is refused.
  constraint integration_logs_api_key_prefix_only_check check (char_length(api_key) <= 16),
  constraint integration_logs_endpoint_check check (btrim(endpoint) <> '' and char_length(endpoint) <= 500),
  constraint integration_logs_method_check
    check (method in ('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS')),
  constraint integration_logs_response_status_check check (response_status between 100 and 599),
  constraint integration_logs_user_agent_check check (char_length(user_agent) <= 1000)
);
create index integration_logs_client_id_created_at_idx on public.integration_logs (client_id, created_at desc);
create index integration_logs_created_at_idx on public.integration_logs (created_at);

comment on table public.integration_logs is
  'Optionally tenant-scoped (client_id null for a rejected key): every API call from client forms, for audit and debugging.';
comment on column public.integration_logs.client_id is 'Client whose key was used; null when the key matched no client.';
comment on column public.integration_logs.api_key is 'Prefix of the API key used (at most 16 characters), never the key.';
comment on column public.integration_logs.endpoint is 'API endpoint called (e.g. /rpc/submit_lead).';
comment on column public.integration_logs.method is 'HTTP method.';
comment on column public.integration_logs.request_body is 'JSONB request (secrets removed).';
comment on column public.integration_logs.response_status is 'HTTP status returned.';
comment on column public.integration_logs.ip_address is 'Caller''s IP address.';

comment on column public.integration_logs.response_body is 'JSONB response returned.';
comment on column public.integration_logs.user_agent is 'Caller''s User-Agent header.';

create table public.avenir_profile_embeddings (
  id uuid primary key default gen_random_uuid(),
  chunk_text text not null,
  embedding extensions.vector(1536) not null,
  embedding_model text not null default 'text-embedding-ada-002',
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  constraint avenir_profile_embeddings_chunk_text_check check (btrim(chunk_text) <> ''),
  constraint avenir_profile_embeddings_metadata_check check (jsonb_typeof(metadata) = 'object')
);
-- Similarity of a prospect to Avenir's profile: nearest chunks by cosine distance.
create index avenir_profile_embeddings_embedding_idx
  on public.avenir_profile_embeddings using hnsw (embedding extensions.vector_cosine_ops);

comment on table public.avenir_profile_embeddings is
  'Global: embeddings of Avenir''s company profile, chunk by chunk, for prospect similarity scoring (pgvector).';
comment on column public.avenir_profile_embeddings.chunk_text is 'Text chunk of the company profile.';
comment on column public.avenir_profile_embeddings.embedding is 'Embedding of the chunk, 1536 dimensions.';
comment on column public.avenir_profile_embeddings.embedding_model is 'Model that produced the embedding.';

comment on column public.avenir_profile_embeddings.metadata is 'JSONB chunk metadata (section, order, source).';

create table public.intent_translations (
  id uuid primary key default gen_random_uuid(),
  intent_en text not null,
  intent_fr text not null,
  category text not null,
  created_at timestamptz not null default now(),
  constraint intent_translations_intent_en_key unique (intent_en),
  constraint intent_translations_intent_fr_key unique (intent_fr),
  constraint intent_translations_intent_check check (btrim(intent_en) <> '' and btrim(intent_fr) <> ''),
  constraint intent_translations_category_check check (btrim(category) <> '')
);

comment on table public.intent_translations is
  'Global, publicly readable: the EN <-> FR intent taxonomy. Leads store intent_en (canonical); intent_fr is its label.';
comment on column public.intent_translations.intent_en is 'Canonical English intent (the value stored in lead_memory.intent).';
comment on column public.intent_translations.intent_fr is 'French label of the intent.';
comment on column public.intent_translations.category is 'Intent category (e.g. Sales, Support, Partnership).';

alter table public.integration_logs enable row level security;
alter table public.integration_logs force row level security;
alter table public.avenir_profile_embeddings enable row level security;
alter table public.avenir_profile_embeddings force row level security;
alter table public.intent_translations enable row level security;
alter table public.intent_translations force row level security;

revoke all on table public.integration_logs, public.avenir_profile_embeddings, public.intent_translations
  from anon, authenticated;
grant select on table public.integration_logs to authenticated;
grant select on table public.avenir_profile_embeddings to authenticated;
grant select on table public.intent_translations to anon, authenticated;
grant select, insert, update, delete
  on table public.integration_logs, public.avenir_profile_embeddings, public.intent_translations
  to service_role;
