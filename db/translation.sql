-- Translation system: the AI translation cache (90 days) and the verified dictionary.

create table public.translation_cache (
  id uuid primary key default gen_random_uuid(),
  source_text text not null,
  -- Long texts cannot sit in a btree key: the unique rule uses the text's digest.
  source_text_md5 text not null generated always as (md5(source_text)) stored,
  source_language text not null,
  target_language text not null,
  translated_text text not null,
  context_type text not null default 'ui_text',
  quality_score numeric(4,3),
  verified boolean not null default false,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '90 days',
  constraint translation_cache_source_unique
    unique (source_text_md5, source_language, target_language, context_type),
  constraint translation_cache_source_language_check check (source_language in ('en', 'fr')),
  constraint translation_cache_target_language_check check (target_language in ('en', 'fr')),
  constraint translation_cache_languages_differ_check check (source_language <> target_language),
  -- Replaced by the translation_lookup change: context_type = any (private.translation_context_types()).
  constraint translation_cache_context_type_check check (context_type in ('lead_summary', 'intent', 'tone', 'ui_text')),
  constraint translation_cache_quality_score_check check (quality_score between 0 and 1),
  constraint translation_cache_source_text_check check (source_text <> '')
);
create index translation_cache_expires_at_idx on public.translation_cache (expires_at);

comment on table public.translation_cache is
  'Global: AI translations kept for reuse (one per text, language pair and context), expiring after 90 days. service_role only.';
comment on column public.translation_cache.source_text_md5 is 'MD5 of source_text (generated): the unique key, whatever the text''s length.';
comment on column public.translation_cache.context_type is 'lead_summary, intent, tone or ui_text.';
comment on column public.translation_cache.quality_score is 'Translation quality, 0-1.';
comment on column public.translation_cache.verified is 'Checked by a person.';
comment on column public.translation_cache.last_used_at is 'Last cache hit.';
comment on column public.translation_cache.expires_at is 'Expiry (default: 90 days after creation).';

comment on column public.translation_cache.source_text is 'Original text.';
comment on column public.translation_cache.source_language is 'Language of source_text: en or fr.';
comment on column public.translation_cache.target_language is 'Language of translated_text: fr or en.';
comment on column public.translation_cache.translated_text is 'The translation.';

create table public.translation_dictionary (
  id uuid primary key default gen_random_uuid(),
  source_text text not null,
  source_language text not null,
  target_language text not null,
  translated_text text not null,
  context text not null default 'general',
  category text,
  verified boolean not null default false,
  usage_count integer not null default 0,
  confidence numeric(3,2) not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint translation_dictionary_source_unique unique (source_text, source_language, target_language, context),
  constraint translation_dictionary_source_language_check check (source_language in ('en', 'fr')),
  constraint translation_dictionary_target_language_check check (target_language in ('en', 'fr')),
  constraint translation_dictionary_languages_differ_check check (source_language <> target_language),
  constraint translation_dictionary_terms_check check (
    btrim(source_text) <> '' and btrim(translated_text) <> ''
    and char_length(source_text) <= 500 and char_length(translated_text) <= 500),
  constraint translation_dictionary_context_check check (btrim(context) <> ''),
  constraint translation_dictionary_usage_count_check check (usage_count >= 0),
  constraint translation_dictionary_confidence_check check (confidence between 0 and 1)
);
-- Fuzzy lookups (pg_trgm similarity / %) on the source term.
create index translation_dictionary_source_text_trgm_idx
  on public.translation_dictionary using gin (source_text extensions.gin_trgm_ops);
-- Reverse lookups: a French label back to its canonical English value.
create index translation_dictionary_translated_text_idx
  on public.translation_dictionary (context, lower(translated_text));

comment on table public.translation_dictionary is
  'Global glossary of verified term translations (instant, no AI); verified rows are publicly readable. '
  'Also holds the canonical vocabularies (context tone, urgency, tag): English value -> French label.';
comment on column public.translation_dictionary.context is
  'Usage context: general, ui, crm, or a vocabulary (tone, urgency, tag, email_tone) whose source_text is canonical.';
comment on column public.translation_dictionary.category is 'Term category (e.g. navigation, lead_status, vocabulary).';
comment on column public.translation_dictionary.verified is 'Checked by a person; only verified rows are public.';
comment on column public.translation_dictionary.usage_count is 'Times used.';
comment on column public.translation_dictionary.confidence is 'Translation confidence, 0-1.';

comment on column public.translation_dictionary.source_text is 'Original term (for a vocabulary: the canonical English value).';
comment on column public.translation_dictionary.source_language is 'Language of source_text: en or fr.';
comment on column public.translation_dictionary.target_language is 'Language of translated_text: fr or en.';
comment on column public.translation_dictionary.translated_text is 'Verified translation (for a vocabulary: the French label).';

create trigger translation_dictionary_set_updated_at
  before update on public.translation_dictionary
  for each row execute function private.tg__set_updated_at();

alter table public.translation_cache enable row level security;
alter table public.translation_cache force row level security;
alter table public.translation_dictionary enable row level security;
alter table public.translation_dictionary force row level security;

revoke all on table public.translation_cache, public.translation_dictionary from anon, authenticated;
grant select on table public.translation_dictionary to anon, authenticated;
grant select, insert, update, delete on table public.translation_cache, public.translation_dictionary to service_role;
