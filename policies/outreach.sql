-- Row-level security of the outreach tables: a client reads its own campaigns, e-mails, events and
-- metrics and may rename or pause its campaigns; templates are read by internal clients.

drop policy if exists email_templates_select_authenticated on public.email_templates;
create policy email_templates_select_authenticated on public.email_templates for select to authenticated
  using (exists (select from public.clients c
          where c.client_id = ((select auth.jwt()) ->> 'client_id')::uuid and c.is_internal));
comment on policy email_templates_select_authenticated on public.email_templates is 'Avenir''s own data: readable by an internal client (clients.is_internal) only.';
drop policy if exists email_templates_select_service_role on public.email_templates;
create policy email_templates_select_service_role on public.email_templates for select to service_role
  using (true);
comment on policy email_templates_select_service_role on public.email_templates is 'Service role: full access for system operations.';
drop policy if exists email_templates_insert_service_role on public.email_templates;
create policy email_templates_insert_service_role on public.email_templates for insert to service_role
  with check (true);
comment on policy email_templates_insert_service_role on public.email_templates is 'Service role: full access for system operations.';
drop policy if exists email_templates_update_service_role on public.email_templates;
create policy email_templates_update_service_role on public.email_templates for update to service_role
  using (true)
  with check (true);
comment on policy email_templates_update_service_role on public.email_templates is 'Service role: full access for system operations.';
drop policy if exists email_templates_delete_service_role on public.email_templates;
create policy email_templates_delete_service_role on public.email_templates for delete to service_role
  using (true);
comment on policy email_templates_delete_service_role on public.email_templates is 'Service role: full access for system operations.';

drop policy if exists outreach_campaigns_select_authenticated on public.outreach_campaigns;
create policy outreach_campaigns_select_authenticated on public.outreach_campaigns for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy outreach_campaigns_select_authenticated on public.outreach_campaigns is 'Client isolation: a client reads its own rows.';
drop policy if exists outreach_campaigns_update_authenticated on public.outreach_campaigns;
create policy outreach_campaigns_update_authenticated on public.outreach_campaigns for update to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid)
  with check (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy outreach_campaigns_update_authenticated on public.outreach_campaigns is 'A client changes its own rows and cannot move them to another client.';
drop policy if exists outreach_campaigns_select_service_role on public.outreach_campaigns;
create policy outreach_campaigns_select_service_role on public.outreach_campaigns for select to service_role
  using (true);
comment on policy outreach_campaigns_select_service_role on public.outreach_campaigns is 'Service role: full access for system operations.';
drop policy if exists outreach_campaigns_insert_service_role on public.outreach_campaigns;
create policy outreach_campaigns_insert_service_role on public.outreach_campaigns for insert to service_role
  with check (true);
comment on policy outreach_campaigns_insert_service_role on public.outreach_campaigns is 'Service role: full access for system operations.';
drop policy if exists outreach_campaigns_update_service_role on public.outreach_campaigns;
create policy outreach_campaigns_update_service_role on public.outreach_campaigns for update to service_role
  using (true)
  with check (true);
comment on policy outreach_campaigns_update_service_role on public.outreach_campaigns is 'Service role: full access for system operations.';
drop policy if exists outreach_campaigns_delete_service_role on public.outreach_campaigns;
create policy outreach_campaigns_delete_service_role on public.outreach_campaigns for delete to service_role
  using (true);
comment on policy outreach_campaigns_delete_service_role on public.outreach_campaigns is 'Service role: full access for system operations.';

drop policy if exists outreach_emails_select_authenticated on public.outreach_emails;
create policy outreach_emails_select_authenticated on public.outreach_emails for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy outreach_emails_select_authenticated on public.outreach_emails is 'Client isolation: a client reads its own rows.';
drop policy if exists outreach_emails_select_service_role on public.outreach_emails;
create policy outreach_emails_select_service_role on public.outreach_emails for select to service_role
  using (true);
comment on policy outreach_emails_select_service_role on public.outreach_emails is 'Service role: full access for system operations.';
drop policy if exists outreach_emails_insert_service_role on public.outreach_emails;
create policy outreach_emails_insert_service_role on public.outreach_emails for insert to service_role
  with check (true);
comment on policy outreach_emails_insert_service_role on public.outreach_emails is 'Service role: full access for system operations.';
drop policy if exists outreach_emails_update_service_role on public.outreach_emails;
create policy outreach_emails_update_service_role on public.outreach_emails for update to service_role
  using (true)
  with check (true);
comment on policy outreach_emails_update_service_role on public.outreach_emails is 'Service role: full access for system operations.';
drop policy if exists outreach_emails_delete_service_role on public.outreach_emails;
create policy outreach_emails_delete_service_role on public.outreach_emails for delete to service_role
  using (true);
comment on policy outreach_emails_delete_service_role on public.outreach_emails is 'Service role: full access for system operations.';

drop policy if exists outreach_tracking_select_authenticated on public.outreach_tracking;
create policy outreach_tracking_select_authenticated on public.outreach_tracking for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy outreach_tracking_select_authenticated on public.outreach_tracking is 'Client isolation: a client reads its own rows.';
drop policy if exists outreach_tracking_select_service_role on public.outreach_tracking;
create policy outreach_tracking_select_service_role on public.outreach_tracking for select to service_role
  using (true);
comment on policy outreach_tracking_select_service_role on public.outreach_tracking is 'Service role: full access for system operations.';
drop policy if exists outreach_tracking_insert_service_role on public.outreach_tracking;
create policy outreach_tracking_insert_service_role on public.outreach_tracking for insert to service_role
  with check (true);
comment on policy outreach_tracking_insert_service_role on public.outreach_tracking is 'Service role: full access for system operations.';
drop policy if exists outreach_tracking_update_service_role on public.outreach_tracking;
create policy outreach_tracking_update_service_role on public.outreach_tracking for update to service_role
  using (true)
  with check (true);
comment on policy outreach_tracking_update_service_role on public.outreach_tracking is 'Service role: full access for system operations.';
drop policy if exists outreach_tracking_delete_service_role on public.outreach_tracking;
create policy outreach_tracking_delete_service_role on public.outreach_tracking for delete to service_role
  using (true);
comment on policy outreach_tracking_delete_service_role on public.outreach_tracking is 'Service role: full access for system operations.';

drop policy if exists outreach_metrics_select_authenticated on public.outreach_metrics;
create policy outreach_metrics_select_authenticated on public.outreach_metrics for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy outreach_metrics_select_authenticated on public.outreach_metrics is 'Client isolation: a client reads its own rows.';
drop policy if exists outreach_metrics_select_service_role on public.outreach_metrics;
create policy outreach_metrics_select_service_role on public.outreach_metrics for select to service_role
  using (true);
comment on policy outreach_metrics_select_service_role on public.outreach_metrics is 'Service role: full access for system operations.';
drop policy if exists outreach_metrics_insert_service_role on public.outreach_metrics;
create policy outreach_metrics_insert_service_role on public.outreach_metrics for insert to service_role
  with check (true);
comment on policy outreach_metrics_insert_service_role on public.outreach_metrics is 'Service role: full access for system operations.';
drop policy if exists outreach_metrics_update_service_role on public.outreach_metrics;
create policy outreach_metrics_update_service_role on public.outreach_metrics for update to service_role
  using (true)
  with check (true);
comment on policy outreach_metrics_update_service_role on public.outreach_metrics is 'Service role: full access for system operations.';
drop policy if exists outreach_metrics_delete_service_role on public.outreach_metrics;
create policy outreach_metrics_delete_service_role on public.outreach_metrics for delete to service_role
  using (true);
comment on policy outreach_metrics_delete_service_role on public.outreach_metrics is 'Service role: full access for system operations.';
