-- Row-level security of the prospect tables: Avenir's own data, written by service_role and read
-- by internal clients only (clients.is_internal of the caller's own account).

drop policy if exists prospect_candidates_select_authenticated on public.prospect_candidates;
create policy prospect_candidates_select_authenticated on public.prospect_candidates for select to authenticated
  using (exists (select from public.clients c
          where c.client_id = ((select auth.jwt()) ->> 'client_id')::uuid and c.is_internal));
comment on policy prospect_candidates_select_authenticated on public.prospect_candidates is 'Avenir''s own data: readable by an internal client (clients.is_internal) only.';

drop policy if exists prospect_outreach_log_select_authenticated on public.prospect_outreach_log;
create policy prospect_outreach_log_select_authenticated on public.prospect_outreach_log for select to authenticated
  using (exists (select from public.clients c
          where c.client_id = ((select auth.jwt()) ->> 'client_id')::uuid and c.is_internal));
comment on policy prospect_outreach_log_select_authenticated on public.prospect_outreach_log is 'Avenir''s own data: readable by an internal client (clients.is_internal) only.';

drop policy if exists prospect_industry_performance_select_authenticated on public.prospect_industry_performance;
create policy prospect_industry_performance_select_authenticated on public.prospect_industry_performance for select to authenticated
  using (exists (select from public.clients c
          where c.client_id = ((select auth.jwt()) ->> 'client_id')::uuid and c.is_internal));
comment on policy prospect_industry_performance_select_authenticated on public.prospect_industry_performance is 'Avenir''s own data: readable by an internal client (clients.is_internal) only.';

drop policy if exists prospect_form_tests_select_authenticated on public.prospect_form_tests;
create policy prospect_form_tests_select_authenticated on public.prospect_form_tests for select to authenticated
  using (exists (select from public.clients c
          where c.client_id = ((select auth.jwt()) ->> 'client_id')::uuid and c.is_internal));
comment on policy prospect_form_tests_select_authenticated on public.prospect_form_tests is 'Avenir''s own data: readable by an internal client (clients.is_internal) only.';
