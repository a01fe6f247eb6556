-- submit_lead: the five writes and the enrichment job, validation with bilingual errors, the
-- trace of rejected calls, the idempotency window, connection health; from every persona.
begin;
select plan(47);

select tests.authenticate_as('service_role');
select create_client('Tenant A', 'owner@tenant-a.test', 'correct horse battery', 'en') as a \gset
select create_client('Tenant B', 'owner@tenant-b.test', 'another long passphrase', 'fr', is_test => true) as b \gset
select tests.clear_authentication();
select (:'a'::jsonb ->> 'client_id') as a_id, (:'a'::jsonb ->> 'api_key') as a_key,
       (:'b'::jsonb ->> 'client_id') as b_id, (:'b'::jsonb ->> 'api_key') as b_key \gset

create function tests.lead_rows(client uuid) returns text language sql as $$
  select format('leads=%s actions=%s feedback=%s jobs=%s',
    (select count(*) from public.lead_memory where client_id = client),
    (select count(*) from public.lead_actions where client_id = client),
    (select count(*) from public.feedback_tracking where client_id = client),
    (select count(*) from public.queue_jobs where client_id = client))
$$;
grant execute on function tests.lead_rows(uuid) to public;
create function tests.log_count() returns bigint language sql security definer as
  'select count(*) from public.integration_logs';
grant execute on function tests.log_count() to public;

-- The form (anon), as the gateway would call it: with request headers.
select tests.authenticate_as('anon');
select set_config('request.headers', '{"x-forwarded-for": "203.0.113.7, 10.0.0.1", "user-agent": "FormBot/1.0"}', true);
select submit_lead(:'a_key', '  Ann Lee ', ' Ann@Lead.TEST ', ' I need a quote for 20 seats. ') as first \gset
select (:'first'::jsonb ->> 'lead_id') as lead \gset
select tests.clear_authentication();

select is(:'first'::jsonb ->> 'status', 'received', 'submit_lead returns status received');
select is((select row(client_id, name, email, message, language)::text from lead_memory where id = :'lead'),
          row(:'a_id'::uuid, 'Ann Lee', 'ann@lead.test', 'I need a quote for 20 seats.', null)::text,
          'the lead is stored trimmed, e-mail lower-case, language left to the enrichment');
select is((select row(action_type, performed_by)::text from lead_actions where lead_id = :'lead'),
          row('created', 'system')::text, 'a created action is logged');
select is((select row(action_type, outcome, learning_applied)::text from feedback_tracking where lead_id = :'lead'),
          row('lead_conversion', null, false)::text, 'a pending prediction is recorded in feedback_tracking');
select is((select row(job_type, status, payload, dedup_key)::text from queue_jobs where client_id = :'a_id'),
          row('lead_enrichment', 'pending', jsonb_build_object('lead_id', :'lead', 'client_id', :'a_id'),
              'lead_enrichment:' || :'lead')::text, 'a lead_enrichment job is queued for the lead');
select is((select row(client_id, api_key, endpoint, method, response_status, ip_address, user_agent)::text
             from integration_logs where response_body ->> 'lead_id' = :'lead'),
          row(:'a_id'::uuid, left(:'a_key', 12), '/rpc/submit_lead', 'POST', 200, '203.0.113.7'::inet, 'FormBot/1.0')::text,
          'the call is logged with the key prefix, the first forwarded IP and the user agent');
select is((select array(select jsonb_object_keys(request_body) order by 1) from integration_logs
            where response_body ->> 'lead_id' = :'lead'),
          array['email', 'language', 'message', 'name'], 'the logged body leaves the API key out');
select is_empty(format($$select 1 from integration_logs l where to_jsonb(l)::text like '%%%s%%'$$, :'a_key'),
                'the full API key is logged nowhere');
select isnt((select last_connection from clients where client_id = :'a_id'), null, 'last_connection is set');
select is((select last_lead_received_at from clients where client_id = :'a_id'),
          (select last_connection from clients where client_id = :'a_id'), 'last_lead_received_at is set with it');
select is((select is_test from lead_memory where id = :'lead'), false, 'a real client''s lead is not is_test');

-- Language: explicit, left to the enrichment (the one detector, python_udfs/lead_analysis), invalid.
select tests.authenticate_as('anon');
select submit_lead(:'b_key', 'Jean', 'jean@piste.test', 'Bonjour, pouvez-vous nous envoyer un devis ?') ->> 'lead_id' as fr_lead \gset
select submit_lead(:'b_key', 'Jo', 'jo@piste.test', 'Hello there', 'FR') ->> 'lead_id' as forced_fr \gset
select tests.clear_authentication();
select is((select language from lead_memory where id = :'fr_lead'), null,
          'a message without a language is not guessed at submit: the enrichment detects it');
select ok(exists (select from queue_jobs where payload ->> 'lead_id' = :'fr_lead' and job_type = 'lead_enrichment'),
          'and its enrichment, which detects the language, is queued');
select is((select language from lead_memory where id = :'forced_fr'), 'fr', 'an explicit language (any case) wins');
select is((select bool_and(is_test) from lead_memory where client_id = :'b_id'), true, 'an is_test client''s leads are is_test');

-- Rejected calls: the 4xx error object, one log row, nothing else.
select tests.lead_rows(:'a_id') as rows_before, tests.log_count() as logs_before \gset
select tests.authenticate_as('anon');
select submit_lead('avk_not_a_key_at_all_0000000000000000', 'Ann', 'ann@lead.test', 'hi') as bad_key \gset
select current_setting('response.status', true) as bad_key_status \gset
select submit_lead(null, 'Ann', 'ann@lead.test', 'hi') ->> 'code' as null_key \gset
select submit_lead(:'a_key', '   ', 'ann@lead.test', 'hi') as blank_name \gset
select current_setting('response.status', true) as blank_name_status \gset
select submit_lead(:'a_key', repeat('n', 201), 'ann@lead.test', 'hi') ->> 'message' as long_name \gset
select submit_lead(:'a_key', 'Ann', 'ann@', 'hi') ->> 'message' as bad_email \gset
select submit_lead(:'a_key', 'Ann', null, 'hi') ->> 'code' as null_email \gset
select submit_lead(:'a_key', 'Ann', repeat('a', 320) || '@x.test', 'hi') ->> 'code' as long_email \gset
select submit_lead(:'a_key', 'Ann', 'ann@lead.test', E' \n ') ->> 'message' as blank_message \gset
select submit_lead(:'a_key', 'Ann', 'ann@lead.test', repeat('m', 10001)) ->> 'message' as long_message \gset
select submit_lead(:'a_key', 'Ann', 'ann@lead.test', 'hi', 'de') ->> 'message' as bad_language \gset
select submit_lead(:'b_key', 'Ann', 'ann@', 'hi') as bad_email_fr \gset
select submit_lead(:'b_key', 'Ann', 'ann@', 'hi', 'en') ->> 'message' as bad_email_en \gset
select tests.clear_authentication();

select is(:'bad_key'::jsonb, jsonb_build_object('code', 'PT401', 'message', 'invalid API key', 'details', null,
          'hint', 'Use the API key shown when the account was created (or rotated), as api_key.'),
          'an unknown key returns the PT401 error object');
select is(:'bad_key_status'::text, '401', 'an unknown key sets response.status 401');
select is(:'null_key'::text, 'PT401', 'a missing key is refused alike');
select is(:'blank_name'::jsonb ->> 'code', '22023', 'a blank name is refused with 22023');
select is(:'blank_name_status'::text, '400', 'bad input sets response.status 400');
select is(:'blank_name'::jsonb ->> 'hint', 'Enter your name.', 'the error carries a hint');
select is(:'long_name'::text, 'name is required (1 to 200 characters)', 'a name over 200 characters is refused');
select is(:'bad_email'::text, 'the e-mail address is not valid', 'a malformed e-mail is refused');
select is(:'null_email'::text, '22023', 'a missing e-mail is refused');
select is(:'long_email'::text, '22023', 'an e-mail over 320 characters is refused');
select is(:'blank_message'::text, 'message is required (1 to 10,000 characters)', 'a blank message is refused');
select is(:'long_message'::text, 'message is required (1 to 10,000 characters)', 'a message over 10,000 characters is refused');
select is(:'bad_language'::text, 'language must be en or fr', 'a language other than en/fr is refused');
select is(:'bad_email_fr'::jsonb ->> 'message', 'l''adresse e-mail n''est pas valide',
          'the error speaks the client''s language (French client)');
select is(:'bad_email_fr'::jsonb ->> 'hint', 'Saisissez une adresse de la forme nom@domaine.', 'so does the hint');
select is(:'bad_email_en'::text, 'the e-mail address is not valid', 'the visitor''s language, when given, wins');
select is(tests.lead_rows(:'a_id'), :'rows_before', 'rejected calls created no lead, action, feedback or job');
select is(tests.log_count() - :'logs_before'::bigint, 12::bigint, 'each rejected call left one integration_logs row');
select is((select count(*)::int from integration_logs where client_id is null and response_status = 401
                                                     and created_at = now()), 2,
          'rejected keys are logged without a client');
select is((select count(*)::int from integration_logs where client_id = :'a_id' and response_status = 400), 8,
          'rejected input with a valid key is logged with the client');
select is((select max(char_length(request_body ->> 'message')) from integration_logs where client_id = :'a_id'), 1000,
          'an oversized field is cut in the log (the message to 1,000 characters)');

-- Idempotency: the same key + e-mail + message within 10 minutes returns the first lead.
select tests.lead_rows(:'a_id') as rows_before \gset
select tests.authenticate_as('anon');
select submit_lead(:'a_key', 'Ann L.', 'ANN@lead.test', 'I need a quote for 20 seats.') as again \gset
select tests.clear_authentication();
select is(:'again'::jsonb ->> 'lead_id', :'lead', 'a double submit returns the first lead''s id');
select is((:'again'::jsonb ->> 'duplicate')::boolean, true, 'and says it is a duplicate');
select is(tests.lead_rows(:'a_id'), :'rows_before', 'a double submit creates nothing new');
select tests.authenticate_as('anon');
select submit_lead(:'a_key', 'Ann', 'ann@lead.test', 'A different message') ->> 'lead_id' as other \gset
select submit_lead(:'b_key', 'Ann', 'ann@lead.test', 'I need a quote for 20 seats.') ->> 'lead_id' as other_client \gset
select tests.clear_authentication();
select isnt(:'other'::text, :'lead'::text, 'another message from the same e-mail is a new lead');
select isnt(:'other_client'::text, :'lead'::text, 'the same message to another client is a new lead');
-- The updated_at trigger keeps created_at: switch it off to age the lead.
alter table lead_memory disable trigger lead_memory_set_updated_at;
update lead_memory set created_at = now() - interval '11 minutes' where id = :'lead';
alter table lead_memory enable trigger lead_memory_set_updated_at;
select tests.authenticate_as('anon');
select submit_lead(:'a_key', 'Ann', 'ann@lead.test', 'I need a quote for 20 seats.') ->> 'lead_id' as later \gset
select tests.clear_authentication();
select isnt(:'later'::text, :'lead'::text, 'after 10 minutes the same submission is a new lead');

-- Connection health: updated only when more than a minute old.
update clients set last_connection = now() - interval '30 seconds', last_lead_received_at = null where client_id = :'a_id';
select tests.authenticate_as('anon');
select submit_lead(:'a_key', 'Ann', 'ann@lead.test', 'Third message') ->> 'status' as st \gset
select tests.clear_authentication();
select is((select last_lead_received_at from clients where client_id = :'a_id'), null,
          'a connection seen 30 s ago is not rewritten (no hot row lock per lead)');
update clients set last_connection = now() - interval '2 minutes' where client_id = :'a_id';
select tests.authenticate_as('anon');
select submit_lead(:'a_key', 'Ann', 'ann@lead.test', 'Fourth message') ->> 'status' as st \gset
select tests.clear_authentication();
select is((select last_connection from clients where client_id = :'a_id'), now(), 'a connection older than a minute is refreshed');

-- Other personas: an authenticated client or service_role may submit too; anon reads nothing back.
select tests.authenticate_as('authenticated', format('{"client_id": "%s"}', :'b_id')::jsonb);
select ok(submit_lead(:'a_key', 'Eve', 'eve@lead.test', 'From a dashboard session') ? 'lead_id',
          'an authenticated session may submit with a key (the key decides the client)');
select tests.authenticate_as('service_role');
select ok(submit_lead(:'b_key', 'Sam', 'sam@lead.test', 'From the service') ? 'lead_id', 'service_role may submit');
select tests.authenticate_as('anon');
select throws_ok('select count(*) from lead_memory', '42501', null, 'anon cannot read leads back');

select * from finish();
rollback;
