-- Lead capture: submit_lead, the form's one call (anon, with the client's API key). The hot path:
-- one round trip; every write in one statement; no NOTIFY per lead (enqueue_job decides).

-- No language detection here: the enrichment detects a lead's language, once
-- (python_udfs/lead_analysis.detect_language); submit_lead stores only the language the form gave.
drop function if exists private.detect_language(text);

-- The two-language form of v0.1.0 (each text passed in English and in French) is gone: the English
-- is written once here, its French once in the dictionary (db/seeds/ui_texts.sql, private.ui_text).
drop function if exists private.submit_lead_error(text, text, text, text, text, text, integer);
create or replace function private.submit_lead_error(
  lang text, code text, message text, hint text, status integer default 400
) returns jsonb
language sql
volatile
set search_path = ''
as $$
  select private.api_error(code, private.ui_text(message, lang), null, private.ui_text(hint, lang), status)
$$;
comment on function private.submit_lead_error(text, text, text, text, integer) is
  'submit_lead''s error object in the form visitor''s language (the lead''s, else the client''s): the English '
  'message and hint, or their French from the dictionary (private.ui_text).';
revoke execute on function private.submit_lead_error(text, text, text, text, integer) from public;

create or replace function private.log_form_call(
  client_id uuid, api_key text, name text, email text, message text, language text,
  status integer, outcome jsonb, headers jsonb
) returns void
language sql
volatile
set search_path = ''
as $$
  -- Bounded trace: a rejected call is logged within its address's budget (private.may_log_rejection:
  -- 20 per address and key prefix, 100 per address, in 10 minutes; the rest only counted), and each
  -- field is cut (the message to 1,000 characters, its full length kept) so a row stays a few KB.
  insert into public.integration_logs (client_id, api_key, endpoint, method, request_body, response_status,
                                       response_body, ip_address, user_agent)
  select log_form_call.client_id, private.api_key_prefix(log_form_call.api_key),
         pg_catalog.left(coalesce(nullif(pg_catalog.current_setting('request.path', true), ''), '/rpc/submit_lead'), 500),
         coalesce(nullif(pg_catalog.current_setting('request.method', true), ''), 'POST'),
         -- The body without the key.
         pg_catalog.jsonb_build_object('name', pg_catalog.left(log_form_call.name, 200),
                                       'email', pg_catalog.left(log_form_call.email, 320),
                                       'message', pg_catalog.left(log_form_call.message, 1000),
                                       'language', pg_catalog.left(log_form_call.language, 10))
         || case when pg_catalog.char_length(log_form_call.message) > 1000
                 then pg_catalog.jsonb_build_object('message_length', pg_catalog.char_length(log_form_call.message))
                 else '{}' end,
         log_form_call.status, log_form_call.outcome,
         private.request_ip(log_form_call.headers),
         pg_catalog.left(log_form_call.headers ->> 'user-agent', 1000)
   where log_form_call.status < 400
      or private.may_log_rejection(pg_catalog.host(private.request_ip(log_form_call.headers)),
                                   private.api_key_prefix(log_form_call.api_key))
$$;
comment on function private.log_form_call(uuid, text, text, text, text, text, integer, jsonb, jsonb) is
  'The integration_logs trace of one submit_lead call (accepted always, rejected within the address''s log '
  'budget), with bounded fields and without the API key: for submit_lead and for the calls the gateway '
  'refuses before submit_lead runs (gateway_hooks.rejected_rpc).';
revoke execute on function private.log_form_call(uuid, text, text, text, text, text, integer, jsonb, jsonb) from public;

create or replace function public.submit_lead(
  api_key text,
  name text,
  email text,
  message text,
  language text default null
) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  headers jsonb := nullif(pg_catalog.current_setting('request.headers', true), '')::jsonb;
  clean_name text := pg_catalog.btrim(submit_lead.name, E' \t\r\n');
  clean_email text := pg_catalog.lower(pg_catalog.btrim(submit_lead.email, E' \t\r\n'));
  clean_message text := pg_catalog.btrim(submit_lead.message, E' \t\r\n');
  lang text := pg_catalog.lower(pg_catalog.btrim(submit_lead.language));
  key_client uuid;
  client_language text;
  client_seen timestamptz;
  lead uuid;
  outcome jsonb;
  status integer := 200;
  -- A public form key (avf_..., functions/form_keys.sql) instead of the secret API key: allowed origins
  -- and a per-address budget apply.
  via_form boolean := submit_lead.api_key like 'avf\_%';
  form_origins text[];
  retry_at timestamptz;
  field text;  -- the form field at fault, answered as the error's details (the embeddable form shows it there)
begin
  if via_form then
    select c.client_id, c.language, c.last_connection, c.form_origins
      into key_client, client_language, client_seen, form_origins
      from public.clients c where c.form_key = submit_lead.api_key;
  elsif submit_lead.api_key is not null then
    select c.client_id, c.language, c.last_connection into key_client, client_language, client_seen
      from public.clients c where c.api_key_hash = private.api_key_digest(submit_lead.api_key);
  end if;
  -- Errors speak the visitor's language: the one asked for when valid, else the client's.
  if lang is null or lang not in ('en', 'fr') then
    lang := null;
  end if;

  if key_client is null then
    status := 401;
    outcome := private.submit_lead_error(coalesce(lang, 'en'), 'PT401',
      'invalid API key',
      'Use the API key shown when the account was created (or rotated), as api_key.', 401);
  elsif via_form and not coalesce(headers ->> 'origin' = any(form_origins), false) then
    status := 403;
    outcome := private.submit_lead_error(coalesce(lang, client_language), 'PT403',
      'this site may not send leads with this form key',
      'The site''s owner adds its address (e.g. https://www.example.com) to the allowed sites in the dashboard.', 403);
  elsif clean_name is null or clean_name = '' or pg_catalog.char_length(clean_name) > 200 then
    field := 'name';
    outcome := private.submit_lead_error(coalesce(lang, client_language), '22023',
      'name is required (1 to 200 characters)',
      'Enter your name.');
  elsif not private.is_email_address(clean_email) then
    field := 'email';
    outcome := private.submit_lead_error(coalesce(lang, client_language), '22023',
      'the e-mail address is not valid',
      'Enter an address of the form name@domain.');
  elsif clean_message is null or clean_message = '' or pg_catalog.char_length(clean_message) > 10000 then
    field := 'message';
    outcome := private.submit_lead_error(coalesce(lang, client_language), '22023',
      'message is required (1 to 10,000 characters)',
      'Write your message; shorten it if it is very long.');
  elsif submit_lead.language is not null and lang is null then
    field := 'language';
    outcome := private.submit_lead_error(client_language, '22023',
      'language must be en or fr',
      'Send en or fr, or leave language out to detect it.');
  end if;
  if field is not null then
    outcome := outcome || pg_catalog.jsonb_build_object('details', field);
  end if;

  if outcome is null and via_form then
    retry_at := private.claim_address_budget('form_submission', key_client::text,
                                             pg_catalog.host(private.request_ip(headers)));
    if retry_at is not null then
      status := 429;
      perform private.set_retry_after(retry_at);
      outcome := private.submit_lead_error(coalesce(lang, client_language), 'PT429',
        'too many requests from this address; try again later',
        'Wait a few minutes, then send the form again.', 429);
    end if;
  end if;

  if outcome is null then
    -- Double-submitted forms: serialise the same client + e-mail + message, then look for the first.
    perform pg_catalog.pg_advisory_xact_lock(
      pg_catalog.hashtextextended(key_client::text || '|' || clean_email || '|' || clean_message, 0));
    select m.id into lead
      from public.lead_memory m
     where m.client_id = key_client and m.email = clean_email
       and m.created_at > pg_catalog.now() - interval '10 minutes' and m.message = clean_message
     order by m.created_at
     limit 1;
    if lead is not null then
      outcome := pg_catalog.jsonb_build_object('lead_id', lead, 'status', 'received', 'duplicate', true);
    else
      with new_lead as (
        insert into public.lead_memory (client_id, name, email, message, language)
        values (key_client, clean_name, clean_email, clean_message, lang)
        returning id, client_id
      ), created as (
        insert into public.lead_actions (lead_id, client_id, action_type, performed_by)
        select id, client_id, 'created', 'system' from new_lead
      ), prediction as (
        -- The pending prediction: will this lead convert? Its outcome arrives with the tags.
        insert into public.feedback_tracking (lead_id, client_id, action_type, context_data)
        select id, client_id, 'lead_conversion', '{"source": "submit_lead", "prediction": "pending"}' from new_lead
      )
      select id into lead from new_lead;
      outcome := pg_catalog.jsonb_build_object('lead_id', lead, 'status', 'received');
      perform public.enqueue_job('lead_enrichment',
        pg_catalog.jsonb_build_object('lead_id', lead, 'client_id', key_client),
        dedup_key => 'lead_enrichment:' || lead);
    end if;
    -- Connection health, at most once a minute: every lead of a busy client would queue on this row.
    -- SKIP LOCKED: when concurrent leads all see a stale value, one refreshes it and none waits.
    if client_seen is null or client_seen < pg_catalog.now() - interval '1 minute' then
      update public.clients c set last_connection = pg_catalog.now(), last_lead_received_at = pg_catalog.now()
       where c.client_id = (select s.client_id from public.clients s
                             where s.client_id = key_client
                               and (s.last_connection is null or s.last_connection < pg_catalog.now() - interval '1 minute')
                               for update skip locked);
    end if;
  elsif status = 200 then
    status := 400;
  end if;

  perform private.log_form_call(key_client, submit_lead.api_key, submit_lead.name, submit_lead.email,
                                submit_lead.message, submit_lead.language, status, outcome, headers);
  return outcome;
end
$$;
comment on function public.submit_lead(text, text, text, text, text) is
  'Capture a lead from a client''s form (anon, with the client''s API key): stores it, logs it, queues its AI '
  'enrichment; returns {lead_id, status: "received"}. The same key + e-mail + message within 10 minutes returns '
  'the first lead. Rejected calls are logged and return {code, message, details, hint} with a 4xx status '
  '(details names the field at fault: name, email, message or language). '
  'The lead''s language is the form''s, else null until the enrichment detects it. api_key may be the public '
  'form key (avf_...): then the Origin header must be one of the client''s form_origins (else PT403) and an '
  'address may send 20 leads per 10 minutes (else PT429 with Retry-After).';
revoke execute on function public.submit_lead(text, text, text, text, text) from public;
grant execute on function public.submit_lead(text, text, text, text, text) to anon, authenticated, service_role;
