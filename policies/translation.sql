-- Row-level security of the translation tables: verified dictionary entries are public (glossary
-- and vocabularies); the cache is service_role's.

drop policy if exists translation_dictionary_select_anon on public.translation_dictionary;
create policy translation_dictionary_select_anon on public.translation_dictionary for select to anon
  using (verified);
comment on policy translation_dictionary_select_anon on public.translation_dictionary is 'Public read: verified glossary entries only.';
drop policy if exists translation_dictionary_select_authenticated on public.translation_dictionary;
create policy translation_dictionary_select_authenticated on public.translation_dictionary for select to authenticated
  using (verified);
comment on policy translation_dictionary_select_authenticated on public.translation_dictionary is 'Public read: verified glossary entries only.';

