-- Row-level security of the prompt tables: global, service_role's; a client reads the prompt
-- executions that served it.

drop policy if exists prompt_performance_select_authenticated on public.prompt_performance;
create policy prompt_performance_select_authenticated on public.prompt_performance for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy prompt_performance_select_authenticated on public.prompt_performance is 'Client isolation: a client reads its own rows.';
drop policy if exists prompt_performance_select_service_role on public.prompt_performance;
create policy prompt_performance_select_service_role on public.prompt_performance for select to service_role
  using (true);
comment on policy prompt_performance_select_service_role on public.prompt_performance is 'Service role: full access for system operations.';
drop policy if exists prompt_performance_insert_service_role on public.prompt_performance;
create policy prompt_performance_insert_service_role on public.prompt_performance for insert to service_role
  with check (true);
comment on policy prompt_performance_insert_service_role on public.prompt_performance is 'Service role: full access for system operations.';
drop policy if exists prompt_performance_update_service_role on public.prompt_performance;
create policy prompt_performance_update_service_role on public.prompt_performance for update to service_role
  using (true)
  with check (true);
comment on policy prompt_performance_update_service_role on public.prompt_performance is 'Service role: full access for system operations.';
drop policy if exists prompt_performance_delete_service_role on public.prompt_performance;
create policy prompt_performance_delete_service_role on public.prompt_performance for delete to service_role
  using (true);
comment on policy prompt_performance_delete_service_role on public.prompt_performance is 'Service role: full access for system operations.';

drop policy if exists prompt_registry_select_service_role on public.prompt_registry;
create policy prompt_registry_select_service_role on public.prompt_registry for select to service_role
  using (true);
comment on policy prompt_registry_select_service_role on public.prompt_registry is 'Service role: full access for system operations.';
drop policy if exists prompt_registry_insert_service_role on public.prompt_registry;
create policy prompt_registry_insert_service_role on public.prompt_registry for insert to service_role
  with check (true);
comment on policy prompt_registry_insert_service_role on public.prompt_registry is 'Service role: full access for system operations.';
drop policy if exists prompt_registry_update_service_role on public.prompt_registry;
create policy prompt_registry_update_service_role on public.prompt_registry for update to service_role
  using (true)
  with check (true);
comment on policy prompt_registry_update_service_role on public.prompt_registry is 'Service role: full access for system operations.';
drop policy if exists prompt_registry_delete_service_role on public.prompt_registry;
create policy prompt_registry_delete_service_role on public.prompt_registry for delete to service_role
  using (true);
comment on policy prompt_registry_delete_service_role on public.prompt_registry is 'Service role: full access for system operations.';

drop policy if exists prompt_ab_tests_select_service_role on public.prompt_ab_tests;
create policy prompt_ab_tests_select_service_role on public.prompt_ab_tests for select to service_role
  using (true);
comment on policy prompt_ab_tests_select_service_role on public.prompt_ab_tests is 'Service role: full access for system operations.';
drop policy if exists prompt_ab_tests_insert_service_role on public.prompt_ab_tests;
create policy prompt_ab_tests_insert_service_role on public.prompt_ab_tests for insert to service_role
  with check (true);
comment on policy prompt_ab_tests_insert_service_role on public.prompt_ab_tests is 'Service role: full access for system operations.';
drop policy if exists prompt_ab_tests_update_service_role on public.prompt_ab_tests;
create policy prompt_ab_tests_update_service_role on public.prompt_ab_tests for update to service_role
  using (true)
  with check (true);
comment on policy prompt_ab_tests_update_service_role on public.prompt_ab_tests is 'Service role: full access for system operations.';
drop policy if exists prompt_ab_tests_delete_service_role on public.prompt_ab_tests;
create policy prompt_ab_tests_delete_service_role on public.prompt_ab_tests for delete to service_role
  using (true);
comment on policy prompt_ab_tests_delete_service_role on public.prompt_ab_tests is 'Service role: full access for system operations.';

drop policy if exists prompt_evolution_select_service_role on public.prompt_evolution;
create policy prompt_evolution_select_service_role on public.prompt_evolution for select to service_role
  using (true);
comment on policy prompt_evolution_select_service_role on public.prompt_evolution is 'Service role: full access for system operations.';
drop policy if exists prompt_evolution_insert_service_role on public.prompt_evolution;
create policy prompt_evolution_insert_service_role on public.prompt_evolution for insert to service_role
  with check (true);
comment on policy prompt_evolution_insert_service_role on public.prompt_evolution is 'Service role: full access for system operations.';
drop policy if exists prompt_evolution_update_service_role on public.prompt_evolution;
create policy prompt_evolution_update_service_role on public.prompt_evolution for update to service_role
  using (true)
  with check (true);
comment on policy prompt_evolution_update_service_role on public.prompt_evolution is 'Service role: full access for system operations.';
drop policy if exists prompt_evolution_delete_service_role on public.prompt_evolution;
create policy prompt_evolution_delete_service_role on public.prompt_evolution for delete to service_role
  using (true);
comment on policy prompt_evolution_delete_service_role on public.prompt_evolution is 'Service role: full access for system operations.';
