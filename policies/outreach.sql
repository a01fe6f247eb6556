-- Row-level security of the outreach tables: a client reads its own campaigns, e-mails, events and
-- metrics and may rename or pause its campaigns; templates are read by internal clients.

drop policy if exists email_templates_select_authenticated on public.email_templates;
create policy email_templates_select_authenticated on public.email_templates for select to authenticated
  using (exists (select from public.clients c
          where c.client_id = ((select auth.jwt()) ->> 'client_id')::uuid and c.is_internal));
comment on policy email_templates_select_authenticated on public.email_templates is 'Avenir''s own data: readable by an internal client (clients.is_internal) only.';

drop policy if exists outreach_campaigns_select_authenticated on public.outreach_campaigns;
create policy outreach_campaigns_select_authenticated on public.outreach_campaigns for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy outreach_campaigns_select_authenticated on public.outreach_campaigns is 'Client isolation: a client reads its own rows.';
drop policy if exists outreach_campaigns_update_authenticated on public.outreach_campaigns;
create policy outreach_campaigns_update_authenticated on public.outreach_campaigns for update to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid)
  with check (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy outreach_campaigns_update_authenticated on public.outreach_campaigns is 'A client changes its own rows and cannot move them to another client.';

drop policy if exists outreach_emails_select_authenticated on public.outreach_emails;
create policy outreach_emails_select_authenticated on public.outreach_emails for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy outreach_emails_select_authenticated on public.outreach_emails is 'Client isolation: a client reads its own rows.';

drop policy if exists outreach_tracking_select_authenticated on public.outreach_tracking;
create policy outreach_tracking_select_authenticated on public.outreach_tracking for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy outreach_tracking_select_authenticated on public.outreach_tracking is 'Client isolation: a client reads its own rows.';

drop policy if exists outreach_metrics_select_authenticated on public.outreach_metrics;
create policy outreach_metrics_select_authenticated on public.outreach_metrics for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy outreach_metrics_select_authenticated on public.outreach_metrics is 'Client isolation: a client reads its own rows.';
