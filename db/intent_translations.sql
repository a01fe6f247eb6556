-- intent_translations: the EN <-> FR intent taxonomy (seeded by db/seeds/intent_taxonomy.sql).
-- Global, public reference data.

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

alter table public.intent_translations enable row level security;
alter table public.intent_translations force row level security;
revoke all on table public.intent_translations from anon, authenticated;
grant select on table public.intent_translations to anon, authenticated;
grant select, insert, update, delete on table public.intent_translations to service_role;
