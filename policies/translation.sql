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
drop policy if exists translation_dictionary_select_service_role on public.translation_dictionary;
create policy translation_dictionary_select_service_role on public.translation_dictionary for select to service_role
  using (true);
comment on policy translation_dictionary_select_service_role on public.translation_dictionary is 'Service role: full access for system operations.';
drop policy if exists translation_dictionary_insert_service_role on public.translation_dictionary;
create policy translation_dictionary_insert_service_role on public.translation_dictionary for insert to service_role
  with check (true);
comment on policy translation_dictionary_insert_service_role on public.translation_dictionary is 'Service role: full access for system operations.';
drop policy if exists translation_dictionary_update_service_role on public.translation_dictionary;
create policy translation_dictionary_update_service_role on public.translation_dictionary for update to service_role
  using (true)
  with check (true);
comment on policy translation_dictionary_update_service_role on public.translation_dictionary is 'Service role: full access for system operations.';
drop policy if exists translation_dictionary_delete_service_role on public.translation_dictionary;
create policy translation_dictionary_delete_service_role on public.translation_dictionary for delete to service_role
  using (true);
comment on policy translation_dictionary_delete_service_role on public.translation_dictionary is 'Service role: full access for system operations.';

drop policy if exists translation_cache_select_service_role on public.translation_cache;
create policy translation_cache_select_service_role on public.translation_cache for select to service_role
  using (true);
comment on policy translation_cache_select_service_role on public.translation_cache is 'Service role: full access for system operations.';
drop policy if exists translation_cache_insert_service_role on public.translation_cache;
create policy translation_cache_insert_service_role on public.translation_cache for insert to service_role
  with check (true);
comment on policy translation_cache_insert_service_role on public.translation_cache is 'Service role: full access for system operations.';
drop policy if exists translation_cache_update_service_role on public.translation_cache;
create policy translation_cache_update_service_role on public.translation_cache for update to service_role
  using (true)
  with check (true);
comment on policy translation_cache_update_service_role on public.translation_cache is 'Service role: full access for system operations.';
drop policy if exists translation_cache_delete_service_role on public.translation_cache;
create policy translation_cache_delete_service_role on public.translation_cache for delete to service_role
  using (true);
comment on policy translation_cache_delete_service_role on public.translation_cache is 'Service role: full access for system operations.';
