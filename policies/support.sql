-- Row-level security of the support tables: a client reads its own integration logs; internal
-- clients read Avenir's profile embeddings; the intent taxonomy is public.

drop policy if exists integration_logs_select_authenticated on public.integration_logs;
create policy integration_logs_select_authenticated on public.integration_logs for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy integration_logs_select_authenticated on public.integration_logs is 'Client isolation: a client reads its own rows.';

drop policy if exists avenir_profile_embeddings_select_authenticated on public.avenir_profile_embeddings;
create policy avenir_profile_embeddings_select_authenticated on public.avenir_profile_embeddings for select to authenticated
  using (exists (select from public.clients c
          where c.client_id = ((select auth.jwt()) ->> 'client_id')::uuid and c.is_internal));
comment on policy avenir_profile_embeddings_select_authenticated on public.avenir_profile_embeddings is 'Avenir''s own data: readable by an internal client (clients.is_internal) only.';

drop policy if exists intent_translations_select_anon on public.intent_translations;
create policy intent_translations_select_anon on public.intent_translations for select to anon
  using (true);
comment on policy intent_translations_select_anon on public.intent_translations is 'Public read: the intent taxonomy is reference data for forms and demos.';
drop policy if exists intent_translations_select_authenticated on public.intent_translations;
create policy intent_translations_select_authenticated on public.intent_translations for select to authenticated
  using (true);
comment on policy intent_translations_select_authenticated on public.intent_translations is 'Public read: the intent taxonomy is reference data for forms and demos.';
