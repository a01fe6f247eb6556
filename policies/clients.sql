-- Row-level security of clients: a client reads and edits its own account (column grants hide
-- the hashes and limit edits to settings); service_role manages every account.

drop policy if exists clients_select_authenticated on public.clients;
create policy clients_select_authenticated on public.clients for select to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy clients_select_authenticated on public.clients is 'Client isolation: a client reads its own rows.';
drop policy if exists clients_update_authenticated on public.clients;
create policy clients_update_authenticated on public.clients for update to authenticated
  using (client_id = ((select auth.jwt()) ->> 'client_id')::uuid)
  with check (client_id = ((select auth.jwt()) ->> 'client_id')::uuid);
comment on policy clients_update_authenticated on public.clients is 'A client changes its own rows and cannot move them to another client.';

