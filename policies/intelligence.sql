-- Row-level security of growth_brain, feedback_tracking and performance_metrics: client isolation
-- on client_id (rows without a client are service_role's only); a client may record feedback.

drop policy if exists growth_brain_select_authenticated on public.growth_brain;
create policy growth_brain_select_authenticated on public.growth_brain for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy growth_brain_select_authenticated on public.growth_brain is 'Client isolation: a client reads its own rows.';

drop policy if exists feedback_tracking_select_authenticated on public.feedback_tracking;
create policy feedback_tracking_select_authenticated on public.feedback_tracking for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy feedback_tracking_select_authenticated on public.feedback_tracking is 'Client isolation: a client reads its own rows.';
drop policy if exists feedback_tracking_insert_authenticated on public.feedback_tracking;
create policy feedback_tracking_insert_authenticated on public.feedback_tracking for insert to authenticated
  with check (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy feedback_tracking_insert_authenticated on public.feedback_tracking is 'A client inserts rows for itself only.';

drop policy if exists performance_metrics_select_authenticated on public.performance_metrics;
create policy performance_metrics_select_authenticated on public.performance_metrics for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy performance_metrics_select_authenticated on public.performance_metrics is 'Client isolation: a client reads its own rows.';
