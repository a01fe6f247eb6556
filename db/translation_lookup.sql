-- What translate() (functions/translation.sql) needs beside db/translation.sql: the folding of a
-- term for case- and accent-insensitive exact lookups, and its indexes on the dictionary and the taxonomy.

-- cost 200: a call (a regexp, a function with its own search_path, so never inlined) costs about
-- 10 us, far above the planner's default for a function; priced so, the 27-row taxonomy is searched
-- through its folded indexes below instead of folding every row (measured: bench/translation).
create or replace function private.fold_text(value text)
returns text
language sql
immutable
parallel safe
cost 200
set search_path = ''
as $$
  select pg_catalog.regexp_replace(
           pg_catalog.replace(pg_catalog.replace(pg_catalog.translate(pg_catalog.lower(pg_catalog.btrim(value)),
             'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy'), 'œ', 'oe'), 'æ', 'ae'),
           '\s+', ' ', 'g')
$$;
comment on function private.fold_text(text) is
  'A term folded for exact dictionary lookups: lower case, accents removed (French letters), spaces collapsed.';
revoke execute on function private.fold_text(text) from public, anon, authenticated;
grant execute on function private.fold_text(text) to service_role;

-- Exact (folded) lookups of a term in a language pair.
create index translation_dictionary_folded_source_idx
  on public.translation_dictionary (source_language, target_language, private.fold_text(source_text));
-- ... and of an intent label, English or French (translate() looks the taxonomy up beside the dictionary).
create index intent_translations_folded_en_idx on public.intent_translations (private.fold_text(intent_en));
create index intent_translations_folded_fr_idx on public.intent_translations (private.fold_text(intent_fr));

-- The glossary is read far more than written: no GIN pending list for the trigram index, so that
-- a fuzzy lookup right after an import reads the index, not a linear list of fresh entries (the
-- likely cause of the first benchmark's 159 ms first fuzzy round: its rows were not yet merged).
alter index public.translation_dictionary_source_text_trgm_idx set (fastupdate = off);
-- Every dictionary hit bumps usage_count: room left on each page lets that update be HOT (no new
-- entry in the trigram, folded and unique indexes), instead of a full index insertion per lookup.
alter table public.translation_dictionary set (fillfactor = 90);
