-- The reply of a lead (issue 12): enqueue_lead_reply only for clients with ai_personalized_reply,
-- once per lead; begin_lead_reply / finish_lead_reply make the send at-most-once; service_role only.
begin;
select plan(21);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix,
                     ai_personalized_reply, email_tone)
values ('aaaaaaaa-0000-4000-8000-000000000700', 'Replies on', 'on@replies.localhost',
        extensions.crypt('pw', extensions.gen_salt('bf', 4)), encode(extensions.digest('avk_r_on', 'sha256'), 'hex'),
        'avk_replon', true, 'Friendly'),
       ('aaaaaaaa-0000-4000-8000-000000000701', 'Replies off', 'off@replies.localhost',
        extensions.crypt('pw', extensions.gen_salt('bf', 4)), encode(extensions.digest('avk_r_off', 'sha256'), 'hex'),
        'avk_reploff', false, 'Professional');
insert into lead_memory (id, client_id, name, email, message) values
  ('aaaaaaaa-1111-4000-8000-000000000700', 'aaaaaaaa-0000-4000-8000-000000000700', 'Lia', 'lia@x.localhost', 'Hi'),
  ('aaaaaaaa-1111-4000-8000-000000000701', 'aaaaaaaa-0000-4000-8000-000000000701', 'Bo', 'bo@x.localhost', 'Hi'),
  ('aaaaaaaa-1111-4000-8000-000000000702', 'aaaaaaaa-0000-4000-8000-000000000700', 'No mail', null, 'Hi');

select tests.authenticate_as('service_role');

select is(enqueue_lead_reply('aaaaaaaa-1111-4000-8000-000000000700') ->> 'enqueued', 'true',
          'a lead of a client with ai_personalized_reply gets a reply job');
select is((select count(*)::int from queue_jobs where job_type = 'email_response'
            and payload ->> 'lead_id' = 'aaaaaaaa-1111-4000-8000-000000000700'
            and client_id = 'aaaaaaaa-0000-4000-8000-000000000700'), 1, 'the email_response job names the lead and client');
select is(enqueue_lead_reply('aaaaaaaa-1111-4000-8000-000000000700') ->> 'job_id',
          (select id::text from queue_jobs where job_type = 'email_response'
            and payload ->> 'lead_id' = 'aaaaaaaa-1111-4000-8000-000000000700'),
          'enqueuing again returns the same pending job (one per lead)');
select is(enqueue_lead_reply('aaaaaaaa-1111-4000-8000-000000000701') ->> 'reason',
          'client has ai_personalized_reply off', 'no reply job when the client has replies off');
select is(enqueue_lead_reply('aaaaaaaa-1111-4000-8000-000000000702') ->> 'enqueued', 'false',
          'no reply job for a lead without an e-mail');
select is(enqueue_lead_reply('aaaaaaaa-9999-4000-8000-000000000700') ->> 'reason', 'lead not found',
          'an unknown lead is reported, not an error');

select is(begin_lead_reply('aaaaaaaa-1111-4000-8000-000000000700', '<reply.700@acme.localhost>', 'smtp') ->> 'action',
          'send', 'the first attempt may send');
select is((select status || ' ' || sender from private.lead_replies where lead_id = 'aaaaaaaa-1111-4000-8000-000000000700'),
          'sending smtp', 'the idempotency record exists before the send');
select is(begin_lead_reply('aaaaaaaa-1111-4000-8000-000000000700', '<reply.700@acme.localhost>', 'smtp') ->> 'action',
          'check', 'a retry while sending must check whether the message left');
select is((select attempts from private.lead_replies where lead_id = 'aaaaaaaa-1111-4000-8000-000000000700'), 2,
          'attempts count the tries that reached the send');
select is(finish_lead_reply('aaaaaaaa-1111-4000-8000-000000000700', 'released', '{"error": "421 try later"}') ->> 'status',
          'released', 'a message known not to have left is released');
select is(begin_lead_reply('aaaaaaaa-1111-4000-8000-000000000700', '<reply.700@acme.localhost>', 'smtp') ->> 'action',
          'send', 'a released reply may be sent again');
select is(finish_lead_reply('aaaaaaaa-1111-4000-8000-000000000700', 'sent',
                            '{"thread_id": "t1", "gmail_message_id": "g1", "language": "en", "tone": "Friendly"}')
          ->> 'applied', 'true', 'the send is recorded');
select is((select status || ' ' || thread_id || ' ' || gmail_message_id || ' ' || tone from private.lead_replies
            where lead_id = 'aaaaaaaa-1111-4000-8000-000000000700'), 'sent t1 g1 Friendly',
          'thread_id and gmail_message_id are kept');
select is(begin_lead_reply('aaaaaaaa-1111-4000-8000-000000000700', '<reply.700@acme.localhost>', 'smtp') ->> 'action',
          'done', 'a sent reply is never sent again');
select is(finish_lead_reply('aaaaaaaa-1111-4000-8000-000000000700', 'failed', '{}') ->> 'applied', 'false',
          'a finished reply cannot be finished again');
select is((select count(*)::int from performance_metrics where event_type = 'email_response'
            and client_id = 'aaaaaaaa-0000-4000-8000-000000000700'), 1, 'one email_response metric per sent reply');
select is(enqueue_lead_reply('aaaaaaaa-1111-4000-8000-000000000700') ->> 'reason', 'reply already handled',
          'a lead whose reply exists gets no second job');
select throws_ok($$select finish_lead_reply('aaaaaaaa-1111-4000-8000-000000000700', 'sending', '{}')$$, '22023', null,
                 'only final statuses are accepted');
select throws_ok($$select begin_lead_reply('aaaaaaaa-9999-4000-8000-000000000700', '<x@y>', 'smtp')$$, '22023', null,
                 'an unknown lead is refused');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000700"}');
select throws_ok($$select begin_lead_reply('aaaaaaaa-1111-4000-8000-000000000700', '<x@y>', 'smtp')$$, '42501', null,
                 'a dashboard user cannot drive the reply functions');

select * from finish();
rollback;
