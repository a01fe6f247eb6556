-- The embeddable form's public key: rotate_form_key and set_form_origins (the client's dashboard),
-- and the checks submit_lead makes for a form key (allowed origin; the per-address budget is the
-- form_submission scope of private.claim_address_budget, functions/address_budgets.sql).
-- The key is public by design; what bounds it is stated here once.

create or replace function private.new_form_key()
returns text
language sql
volatile
set search_path = ''
as $$
  -- avf_ + 32 of the 40 random base62 characters of a fresh API key (~190 bits): one generator.
  select 'avf_' || pg_catalog.substr(private.new_api_key(), 5, 32)
$$;
comment on function private.new_form_key() is
  'A fresh public form key: avf_ followed by 32 random base62 characters (from private.new_api_key).';
revoke execute on function private.new_form_key() from public;

create or replace function public.rotate_form_key()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.request_client_id();
  key text := private.new_form_key();
begin
  update public.clients c set form_key = key where c.client_id = caller;
  if not found then
    raise exception using errcode = 'insufficient_privilege',
      message = 'the client of this session no longer exists', hint = 'Log in again.';
  end if;
  return pg_catalog.jsonb_build_object('form_key', key);
end
$$;
comment on function public.rotate_form_key() is
  'Give the caller (authenticated) a new public form key for its web pages: returns {form_key}; the old one '
  'stops working at once. The key submits leads only, from the client''s form_origins.';
revoke execute on function public.rotate_form_key() from public;
grant execute on function public.rotate_form_key() to authenticated;

create or replace function public.set_form_origins(origins text[])
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.request_client_id();
  lang text;
  clean text[];
  bad text;
begin
  select c.language into lang from public.clients c where c.client_id = caller;
  -- Origins compare exactly with the browser's Origin header: lower case, no path, no trailing slash.
  select coalesce(pg_catalog.array_agg(distinct pg_catalog.rtrim(pg_catalog.lower(pg_catalog.btrim(o)), '/')), '{}')
    into clean from pg_catalog.unnest(coalesce(set_form_origins.origins, '{}')) o
   where pg_catalog.btrim(o) <> '';
  select o into bad from pg_catalog.unnest(clean) o
   where o !~ '^https?://[a-z0-9.-]+(:[0-9]{1,5})?$' limit 1;
  if bad is not null or pg_catalog.cardinality(clean) > 20 then
    raise exception using errcode = 'invalid_parameter_value',
      -- English once here, French once in the dictionary (private.ui_text, db/seeds/ui_texts.sql).
      message = private.ui_text('invalid site origin: %1$s', lang,
                                coalesce(bad, private.ui_text('more than 20 sites', lang))),
      hint = private.ui_text('Give at most 20 origins of the form https://www.example.com or '
                             'http://127.0.0.1:8080 (no path).', lang);
  end if;
  update public.clients c set form_origins = clean where c.client_id = caller;
  return pg_catalog.jsonb_build_object('form_origins', pg_catalog.to_jsonb(clean));
end
$$;
comment on function public.set_form_origins(text[]) is
  'Set the sites (origins such as https://www.example.com) allowed to submit leads with the caller''s form key '
  '(authenticated); at most 20; invalid input is 22023 with a hint in the client''s language.';
revoke execute on function public.set_form_origins(text[]) from public;
grant execute on function public.set_form_origins(text[]) to authenticated;
