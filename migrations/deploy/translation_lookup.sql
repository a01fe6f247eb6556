-- Deploy avenir:translation_lookup to pg
-- requires: translation_tables, job_queue, intelligence_tables, dictionary_seed
begin;
\ir ../../db/translation_lookup.sql
-- The context types, stated once; the cache's CHECK reads them instead of a literal list.
\ir ../../functions/translation_vocabulary.sql
alter table public.translation_cache
  drop constraint translation_cache_context_type_check,
  add constraint translation_cache_context_type_check
    check (context_type = any (private.translation_context_types()));
comment on column public.translation_cache.context_type is 'One of private.translation_context_types().';
-- The error texts people read: English once in the code, French once in the dictionary (ui_text).
\ir ../../functions/ui_text.sql
\ir ../../db/seeds/ui_texts.sql
\ir ../../functions/translation.sql
commit;
