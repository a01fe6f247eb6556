-- integration_logs: every API call from client forms (submit_lead), accepted or rejected, for
-- audit and debugging. Optionally tenant-scoped: client_id is null when the key matched no client.

create table public.integration_logs (
  id uuid primary key default gen_random_uuid(),
  client_id uuid references public.clients (client_id) on delete cascade,
  api_key text,
  endpoint text not null,
  method text not null,
  request_body jsonb not null default '{}',
  response_status integer,
  response_body jsonb,
  ip_address inet,
  user_agent text,
  created_at timestamptz not null default now(),
  -- Only the key's prefix may be logged: a full key (avk_ + 32 or more characters) is refused.
  constraint integration_logs_api_key_prefix_only_check check (char_length(api_key) <= 16),
  constraint integration_logs_endpoint_check check (btrim(endpoint) <> '' and char_length(endpoint) <= 500),
  constraint integration_logs_method_check
    check (method in ('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS')),
  constraint integration_logs_response_status_check check (response_status between 100 and 599),
  constraint integration_logs_user_agent_check check (char_length(user_agent) <= 1000)
);
create index integration_logs_client_id_created_at_idx on public.integration_logs (client_id, created_at desc);
create index integration_logs_created_at_idx on public.integration_logs (created_at);

comment on table public.integration_logs is
  'Optionally tenant-scoped (client_id null for a rejected key): every API call from client forms, for audit and debugging.';
comment on column public.integration_logs.client_id is 'Client whose key was used; null when the key matched no client.';
comment on column public.integration_logs.api_key is 'Prefix of the API key used (at most 16 characters), never the key.';
comment on column public.integration_logs.endpoint is 'API endpoint called (e.g. /rpc/submit_lead).';
comment on column public.integration_logs.method is 'HTTP method.';
comment on column public.integration_logs.request_body is 'JSONB request (secrets removed).';
comment on column public.integration_logs.response_status is 'HTTP status returned.';
comment on column public.integration_logs.ip_address is 'Caller''s IP address.';

comment on column public.integration_logs.response_body is 'JSONB response returned.';
comment on column public.integration_logs.user_agent is 'Caller''s User-Agent header.';

alter table public.integration_logs enable row level security;
alter table public.integration_logs force row level security;
revoke all on table public.integration_logs from anon, authenticated;
grant select on table public.integration_logs to authenticated;
grant select, insert, update, delete on table public.integration_logs to service_role;
