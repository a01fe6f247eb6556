-- score_prospects: automation_need_score within 45-95, explained signal by signal, deterministic.
begin;
select tests.start_from_empty_tables();
select plan(9);

insert into prospect_industry_performance (industry, total_contacted, total_replied, reply_rate)
values ('Dental', 100, 25, 25), ('Legal', 100, 2, 2);
insert into prospect_candidates (id, business_name, website, contact_email, form_url, industry, region, language)
values
  -- everything that raises the need: no answer to the form, a replying industry, complete contact
  ('eeeeeeee-6100-4000-8000-000000000001', 'Needy', 'needy.test', 'a@needy.test', 'https://needy.test/contact', 'Dental', 'Quebec', 'fr'),
  -- everything that lowers it: a fast personalized answer, a quiet industry, nothing known
  ('eeeeeeee-6100-4000-8000-000000000002', 'Served', 'served.test', null, null, 'Legal', null, null),
  -- never tested, unknown industry
  ('eeeeeeee-6100-4000-8000-000000000003', 'Unknown', 'unknown.test', null, null, null, null, null);
insert into prospect_form_tests (prospect_id, test_submitted_at, test_status, score)
values ('eeeeeeee-6100-4000-8000-000000000001', now() - interval '3 days', 'timeout', 0);
insert into prospect_form_tests (prospect_id, test_submitted_at, response_received_at, response_time_minutes,
                                 has_autoresponder, autoresponder_tone, test_status, score)
values ('eeeeeeee-6100-4000-8000-000000000002', now() - interval '1 hour', now() - interval '58 minutes', 2,
        true, 'personalized', 'completed', 100);

select is((score_prospects() ->> 'scored')::integer, 3, 'every prospect is scored');

select is_empty($$ select website from prospect_candidates where automation_need_score not between 45 and 95
                   or automation_need_score is null $$, 'every score is within 45-95');

select ok((select automation_need_score from prospect_candidates where website = 'needy.test')
          > (select automation_need_score from prospect_candidates where website = 'unknown.test')
      and (select automation_need_score from prospect_candidates where website = 'unknown.test')
          > (select automation_need_score from prospect_candidates where website = 'served.test'),
          'no answer + replying industry + complete contact > unknown > fast personalized answer');

select is((select array_agg(s ->> 'signal' order by s ->> 'signal')
             from prospect_candidates p, jsonb_array_elements(p.metadata -> 'score' -> 'signals') s
            where p.website = 'needy.test'),
          array['contact_completeness', 'form_response', 'industry_reply_rate', 'profile_similarity', 'response_speed'],
          'the explanation lists the five signals');

select is((select sum((s ->> 'weight')::numeric) from prospect_candidates p,
             jsonb_array_elements(p.metadata -> 'score' -> 'signals') s where p.website = 'needy.test'),
          1.00, 'the weights sum to 1');

select is_empty($$
  select p.website from prospect_candidates p
   where p.automation_need_score <> (p.metadata -> 'score' ->> 'total')::integer
      or abs(45 + (select sum((s ->> 'points')::numeric) from jsonb_array_elements(p.metadata -> 'score' -> 'signals') s)
             - p.automation_need_score) > 1
$$, 'the score is the base plus the signals'' points, as explained');

select is((select (s ->> 'value')::numeric from prospect_candidates p,
             jsonb_array_elements(p.metadata -> 'score' -> 'signals') s
            where p.website = 'needy.test' and s ->> 'signal' = 'industry_reply_rate'),
          1.0000, 'a 25 % reply rate counts fully (capped at 20 %)');

select is((score_prospects() ->> 'changed')::integer, 0, 'a second run changes nothing (deterministic)');

select throws_ok($$ set local role authenticated; select score_prospects() $$, '42501', null,
                 'authenticated cannot score prospects');

select * from finish();
rollback;
