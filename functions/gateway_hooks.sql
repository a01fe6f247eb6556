-- Functions the API gateway calls itself, as the request's role: in their own schema, which the API
-- roles may use but db-schemas does not expose, so no client reaches them as /rpc.

create schema if not exists gateway_hooks;
comment on schema gateway_hooks is
  'Functions the gateway calls itself (db-rejected-rpc-hook), not exposed as /rpc.';
grant usage on schema gateway_hooks to anon, authenticated, service_role;

create or replace function gateway_hooks.rejected_rpc(function_name text, arguments jsonb, status integer,
                                                      error jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  headers jsonb := nullif(pg_catalog.current_setting('request.headers', true), '')::jsonb;
  key_client uuid;
  client_language text;
  lang text := pg_catalog.lower(pg_catalog.btrim(arguments ->> 'language'));
  outcome jsonb;
begin
  -- Only the form endpoint's refusals leave a trace (the design's audit of rejected form calls);
  -- the gateway answers its own error for the others.
  if function_name is distinct from 'public.submit_lead' then
    return null;
  end if;
  select c.client_id, c.language into key_client, client_language
    from public.clients c where c.api_key_hash = private.api_key_digest(arguments ->> 'api_key');
  if lang is null or lang not in ('en', 'fr') then
    lang := null;
  end if;
  outcome := private.submit_lead_error(coalesce(lang, client_language, 'en'), error ->> 'code',
    'a field holds a NUL character (\u0000), which cannot be stored',
    'Remove the NUL character from the name, the e-mail, the message and the language.', status);
  perform private.log_form_call(key_client, arguments ->> 'api_key', arguments ->> 'name', arguments ->> 'email',
                                arguments ->> 'message', arguments ->> 'language', status, outcome, headers);
  return outcome;
end
$$;
comment on function gateway_hooks.rejected_rpc(text, jsonb, integer, jsonb) is
  'Called by the gateway (db-rejected-rpc-hook) in place of an RPC whose arguments it refuses before the call '
  '(a NUL character, which text and jsonb cannot hold), with the function, the arguments (each NUL shown as '
  'U+FFFD), the status and the gateway''s error. For submit_lead it logs the call in integration_logs within '
  'the address''s log budget and returns the error in the visitor''s language; for other functions null.';
revoke execute on function gateway_hooks.rejected_rpc(text, jsonb, integer, jsonb) from public;
grant execute on function gateway_hooks.rejected_rpc(text, jsonb, integer, jsonb) to anon, authenticated, service_role;
