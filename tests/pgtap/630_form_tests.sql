-- Contact-form tests: RFC 3834 autoresponder detection, response time, score, timeout.
begin;
select tests.start_from_empty_tables();
select plan(14);

create temporary table detection (headers jsonb, subject text, expected boolean) on commit drop;
insert into detection values
  ('{"Auto-Submitted": "auto-replied"}', 'Hello', true),
  ('{"auto-submitted": "auto-generated"}', 'Your request', true),
  ('{"Auto-Submitted": "no"}', 'Re: your request', false),
  ('{"Precedence": "auto_reply"}', 'Hi', true),
  ('{"Precedence": "bulk"}', 'Hi', true),
  ('{"Precedence": "list"}', 'Re: Hi', false),
  ('{"X-Autoreply": "yes"}', 'Hi', true),
  ('{"X-Auto-Response-Suppress": "All"}', 'Hi', true),
  ('{}', 'Auto: Demande d''information', true),
  ('{}', 'Automatic reply: Quote', true),
  ('{}', 'Out of Office: back Monday', true),
  ('{}', 'Réponse automatique : absence', true),
  ('{}', 'Accusé de réception', true),
  ('{}', 'Re: Question about a quote', false),
  ('{}', null, false);
select is_empty($$ select headers, subject from detection where private.is_auto_response(headers, subject) <> expected $$,
                'automatic replies are recognised by RFC 3834 headers and subject patterns');

insert into prospect_candidates (id, business_name, website)
values ('eeeeeeee-6300-4000-8000-000000000001', 'Form Co', 'form-co.test');

create temporary table t on commit drop as
select record_form_test_submission('eeeeeeee-6300-4000-8000-000000000001', now() - interval '30 minutes') as r;
select is((select test_status from prospect_form_tests), 'pending', 'a submission starts a pending test');
select ok((select last_tested from prospect_candidates) is not null, 'the prospect''s last_tested is stamped');

create temporary table answer on commit drop as
select record_form_test_response((select (r ->> 'form_test_id')::uuid from t), now(),
         '{"Auto-Submitted": "auto-replied"}', 'Thanks', 'We received your message.', 'robotic') as a;
select is((select (a ->> 'response_time_minutes')::numeric from answer), 30.00, 'the delay is counted in minutes');
select is((select a ->> 'has_autoresponder' from answer), 'true', 'the autoresponder is detected');
select is((select (a ->> 'score')::integer from answer), 40 + 15, 'score: answered within the hour (40) + robotic (15)');
select is((select response_score from prospect_candidates), 55.00, 'the prospect''s response_score is the test''s score');
select is((select record_form_test_response((select (r ->> 'form_test_id')::uuid from t), now(), '{}', 'x', 'y', 'human')
                  ->> 'already_recorded'), 'true', 'recording the same answer again changes nothing');
select is((select autoresponder_tone from prospect_form_tests), 'robotic', 'the first answer stays');

select is(private.form_test_score(3, 'personalized'), 100, 'a personalized answer in 3 minutes scores 100');
select is(private.form_test_score(2000, 'none'), 5 + 35, 'a person answering after a day and more scores 40');

insert into prospect_form_tests (prospect_id, test_submitted_at)
values ('eeeeeeee-6300-4000-8000-000000000001', now() - interval '49 hours'),
       ('eeeeeeee-6300-4000-8000-000000000001', now() - interval '47 hours');
select is(expire_form_tests(), 1, 'tests pending for more than 48 hours time out');
select is((select array_agg(test_status order by test_submitted_at) from prospect_form_tests),
          array['timeout', 'pending', 'completed'], 'only the old pending test timed out');

select throws_ok($$ select record_form_test_submission('eeeeeeee-6300-4000-8000-00000000dead') $$, 'PT404', null,
                 'an unknown prospect is a 404');

select * from finish();
rollback;
