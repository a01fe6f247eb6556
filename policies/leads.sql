-- Row-level security of the lead tables: a client reads its own leads, actions and notes; writes go
-- through the security-definer lead RPCs (no write grant to authenticated) or service_role.

drop policy if exists lead_memory_select_authenticated on public.lead_memory;
create policy lead_memory_select_authenticated on public.lead_memory for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy lead_memory_select_authenticated on public.lead_memory is 'Client isolation: a client reads its own rows.';

drop policy if exists lead_actions_select_authenticated on public.lead_actions;
create policy lead_actions_select_authenticated on public.lead_actions for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy lead_actions_select_authenticated on public.lead_actions is 'Client isolation: a client reads its own rows.';

drop policy if exists lead_notes_select_authenticated on public.lead_notes;
create policy lead_notes_select_authenticated on public.lead_notes for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy lead_notes_select_authenticated on public.lead_notes is 'Client isolation: a client reads its own rows.';
