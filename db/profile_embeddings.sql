-- avenir_profile_embeddings: Avenir's own company profile, chunk by chunk, embedded (pgvector)
-- to score how close a prospect is. Global; read by internal clients only (policies/support.sql).

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

alter table public.avenir_profile_embeddings enable row level security;
alter table public.avenir_profile_embeddings force row level security;
revoke all on table public.avenir_profile_embeddings from anon, authenticated;
grant select on table public.avenir_profile_embeddings to authenticated;
grant select, insert, update, delete on table public.avenir_profile_embeddings to service_role;
