-- Changes to public.clients for the embeddable form (sqitch change form_keys). db/clients.sql
-- describes the result (a fresh deploy already has it from there): idempotent.
-- The form key is public by design (it sits in the client's web pages): it only submits leads,
-- from the sites listed in form_origins, within a per-address budget (the form_submission scope of private.address_budgets).
alter table public.clients add column if not exists form_key text;
alter table public.clients add column if not exists form_origins text[] not null default '{}';
alter table public.clients drop constraint if exists clients_form_key_key;
alter table public.clients add constraint clients_form_key_key unique (form_key);
alter table public.clients drop constraint if exists clients_form_key_check;
alter table public.clients add constraint clients_form_key_check check (form_key ~ '^avf_[A-Za-z0-9]{32}$');
alter table public.clients drop constraint if exists clients_form_origins_check;
alter table public.clients add constraint clients_form_origins_check check (
  cardinality(form_origins) <= 20 and array_position(form_origins, null) is null
  and array_to_string(form_origins, ' ') ~ '^(https?://[a-z0-9.-]+(:[0-9]{1,5})?( |$))*$');
comment on column public.clients.form_key is
  'Public form key (avf_ + 32 base62) for the embeddable lead form: submits leads only, from form_origins, '
  'within the per-address budget; stored as is because a web page shows it anyway (rotate_form_key).';
comment on column public.clients.form_origins is
  'Sites allowed to submit leads with the form key: origins such as https://www.example.com (scheme, host, '
  'port), at most 20; empty = the form key is refused everywhere (set_form_origins).';
grant select (form_key, form_origins) on table public.clients to authenticated;
