-- Rules stated once (functions/data_rules.sql) and used by both the constraints and the RPCs:
-- the e-mail syntax (no invisible character), the API-key prefix, the lead tone vocabulary.
begin;
select tests.start_from_empty_tables();
select plan(19);

select ok(private.is_email_address('ann.lee@example.test'), 'e-mail: name@domain.tld is an address');
select ok(private.is_email_address('élise@exemple.example'), 'e-mail: accented letters are allowed');
select ok(not private.is_email_address('ann@example'), 'e-mail: a domain needs a dot');
select ok(not private.is_email_address('ann lee@example.test'), 'e-mail: no space');
select ok(not private.is_email_address('ann@lee@example.test'), 'e-mail: one @ only');
select ok(not private.is_email_address(repeat('a', 310) || '@example.test'), 'e-mail: at most 320 characters');
select ok(not private.is_email_address(e'ann\u200b@example.test'), 'e-mail: a zero-width space is refused');
select ok(not private.is_email_address(e'ann@exa\u200dmple.test'), 'e-mail: a zero-width joiner is refused');
select ok(not private.is_email_address(e'\ufeffann@example.test'), 'e-mail: a byte-order mark is refused');
select ok(not private.is_email_address(e'ann\u00ad@example.test'), 'e-mail: a soft hyphen is refused');
select ok(not private.is_email_address(e'ann@example.test\u202e'), 'e-mail: a bidi override is refused');

select throws_ok($$insert into clients (business_name, email, password_hash, api_key_hash, api_key_prefix)
                   values ('Zero width', e'zw\u200b@example.test', extensions.crypt('pw', extensions.gen_salt('bf', 4)),
                           repeat('c', 64), 'avk_zw000000')$$,
                 '23514', null, 'clients: the constraint applies the same e-mail rule');

select tests.authenticate_as('service_role');
select throws_ok($$select create_client('Zero width', e'owner\u200b@example.test', 'correct horse battery', 'en')$$,
                 '22023', null, 'create_client refuses an e-mail with a zero-width space');
select create_client('Rules', 'owner@rules.test', 'correct horse battery', 'en') as c \gset
select tests.clear_authentication();

select is((select api_key_prefix from clients where client_id = (:'c'::jsonb ->> 'client_id')::uuid),
          private.api_key_prefix(:'c'::jsonb ->> 'api_key'), 'create_client stores the key''s prefix of the rule');
select is(private.api_key_prefix('avk_0123456789abcdefghij'), 'avk_01234567', 'the prefix is the key''s first 12 characters');

select tests.authenticate_as('anon');
select is(submit_lead(:'c'::jsonb ->> 'api_key', 'Ann', e'ann\u200b@lead.test', 'hello') ->> 'code', '22023',
          'submit_lead refuses an e-mail with a zero-width space');
select tests.clear_authentication();
select is((select count(*)::int from lead_memory where client_id = (:'c'::jsonb ->> 'client_id')::uuid), 0,
          'submit_lead: nothing stored for the refused e-mail');

select is(private.lead_tones(), array['Professional', 'Friendly', 'Formal', 'Casual', 'Urgent', 'Frustrated', 'Enthusiastic'],
          'the lead tone vocabulary');
select throws_ok($$insert into lead_memory (client_id, name, email, message, tone)
                   values ((select client_id from clients where email = 'owner@rules.test'), 'Ann', 'ann@lead.test', 'hi', 'Grumpy')$$,
                 '23514', null, 'lead_memory.tone: a tone outside the vocabulary is refused by the table');

select * from finish();
rollback;
