-- Revert avenir:api_key_prefix_checks from pg
begin;
alter table public.clients drop constraint if exists clients_api_key_prefix_check;
alter table public.clients add constraint clients_api_key_prefix_check
  check (api_key_prefix ~ '^avk_[A-Za-z0-9_-]{1,12}$');
alter table public.integration_logs drop constraint if exists integration_logs_api_key_prefix_only_check;
alter table public.integration_logs add constraint integration_logs_api_key_prefix_only_check
  check (char_length(api_key) <= 16);
commit;
