-- Row-level security of queue_jobs: service_role only (the worker and the job functions).

drop policy if exists queue_jobs_select_service_role on public.queue_jobs;
create policy queue_jobs_select_service_role on public.queue_jobs for select to service_role
  using (true);
comment on policy queue_jobs_select_service_role on public.queue_jobs is 'Service role: full access for system operations.';
drop policy if exists queue_jobs_insert_service_role on public.queue_jobs;
create policy queue_jobs_insert_service_role on public.queue_jobs for insert to service_role
  with check (true);
comment on policy queue_jobs_insert_service_role on public.queue_jobs is 'Service role: full access for system operations.';
drop policy if exists queue_jobs_update_service_role on public.queue_jobs;
create policy queue_jobs_update_service_role on public.queue_jobs for update to service_role
  using (true)
  with check (true);
comment on policy queue_jobs_update_service_role on public.queue_jobs is 'Service role: full access for system operations.';
drop policy if exists queue_jobs_delete_service_role on public.queue_jobs;
create policy queue_jobs_delete_service_role on public.queue_jobs for delete to service_role
  using (true);
comment on policy queue_jobs_delete_service_role on public.queue_jobs is 'Service role: full access for system operations.';
