-- Row-level security of the prompt tables: global, service_role's; a client reads the prompt
-- executions that served it.

drop policy if exists prompt_performance_select_authenticated on public.prompt_performance;
create policy prompt_performance_select_authenticated on public.prompt_performance for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy prompt_performance_select_authenticated on public.prompt_performance is 'Client isolation: a client reads its own rows.';

