-- Revert avenir:dictionary_seed from pg
begin;
\ir ../../db/seeds/vocabulary_terms.sql
delete from public.translation_dictionary d
using seed_terms s
where (d.source_language = 'en' and d.source_text = s.term_en and d.context = s.context)
   or (d.source_language = 'fr' and d.source_text = s.term_fr and d.context = s.context and s.both_directions);
commit;
