-- Extensions live in their own schema, as on Supabase, so `public` holds only the product.
-- pg_cron installs into `cron` and only in `cron.database_name`; plpython3u is created only
-- where the server offers it (Supabase and Neon do not), so the same plan deploys there.
create schema if not exists extensions;
comment on schema extensions is 'Extension objects (vector, pgcrypto, pg_trgm, pg_stat_statements), kept out of public.';

create extension if not exists pgcrypto with schema extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists vector with schema extensions;
create extension if not exists pg_stat_statements with schema extensions;
create extension if not exists pg_cron;

do $$
begin
  if exists (select from pg_available_extensions where name = 'plpython3u') then
    create extension if not exists plpython3u;
  end if;
end
$$;
