-- Vocabulary lookups: the canonical English value of a term given in English or French, and the
-- accepted values for an error hint. The vocabularies are translation_dictionary rows (context
-- urgency, tone, email_tone, tag; db/seeds/vocabulary_terms.sql).

create or replace function private.canonical_term(context text, term text)
returns text
language sql
stable
set search_path = ''
as $$
  -- Values are stored in English; the French label (or any letter case) is accepted as input.
  select d.source_text
    from public.translation_dictionary d
   where d.context = canonical_term.context and d.source_language = 'en' and d.target_language = 'fr'
     and (pg_catalog.lower(d.source_text) = pg_catalog.lower(pg_catalog.btrim(term))
          or pg_catalog.lower(d.translated_text) = pg_catalog.lower(pg_catalog.btrim(term)))
   limit 1
$$;
comment on function private.canonical_term(text, text) is
  'The canonical English value of a vocabulary term (tag, email_tone, ...) given in English or French; null if unknown.';
revoke execute on function private.canonical_term(text, text) from public;
grant execute on function private.canonical_term(text, text) to service_role;

create or replace function private.vocabulary(context text)
returns text
language sql
stable
set search_path = ''
as $$
  select pg_catalog.string_agg(d.source_text || ' (' || d.translated_text || ')', ', ' order by d.source_text)
    from public.translation_dictionary d
   where d.context = vocabulary.context and d.source_language = 'en' and d.target_language = 'fr'
$$;
comment on function private.vocabulary(text) is 'The accepted values of a vocabulary, "English (French)", for error hints.';
revoke execute on function private.vocabulary(text) from public;
grant execute on function private.vocabulary(text) to service_role;
