-- Shared trigger functions. They live in private (never exposed); triggers fire them without
-- the caller needing usage on the schema or execute on the function.

create or replace function private.tg__set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- created_at is history: an update can never rewrite it.
  new.created_at := old.created_at;
  new.updated_at := now();
  return new;
end
$$;
comment on function private.tg__set_updated_at() is
  'BEFORE UPDATE trigger: keeps created_at and stamps updated_at = now() (one shared trigger for every table).';

-- Security definer: the inserting role may not be allowed to read clients.is_test
-- (e.g. a tenant inserting its own row through RLS), yet demo data must always be marked.
create or replace function private.tg__inherit_is_test()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.client_id is not null and not coalesce(new.is_test, false) then
    new.is_test := coalesce((select c.is_test from public.clients c where c.client_id = new.client_id), false);
  end if;
  new.is_test := coalesce(new.is_test, false);
  return new;
end
$$;
comment on function private.tg__inherit_is_test() is
  'BEFORE INSERT trigger: a row created for an is_test client is is_test, so demo data never mixes into analytics.';

revoke execute on function private.tg__set_updated_at(), private.tg__inherit_is_test() from public;
