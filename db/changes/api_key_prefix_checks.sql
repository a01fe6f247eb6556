-- The API-key prefix CHECKs of clients and integration_logs take the prefix's length from
-- private.api_key_prefix (functions/data_rules.sql) instead of repeating it. Idempotent: a fresh
-- deploy already has these definitions from db/clients.sql and db/integration_logs.sql.
alter table public.clients drop constraint if exists clients_api_key_prefix_check;
alter table public.clients add constraint clients_api_key_prefix_check
  check (api_key_prefix ~ '^avk_[A-Za-z0-9]+$' and api_key_prefix = private.api_key_prefix(api_key_prefix));
alter table public.integration_logs drop constraint if exists integration_logs_api_key_prefix_only_check;
alter table public.integration_logs add constraint integration_logs_api_key_prefix_only_check
  check (api_key = private.api_key_prefix(api_key));
