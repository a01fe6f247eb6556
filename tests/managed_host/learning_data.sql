-- The same learning-loop data on a host with PL/Python and on one without (test_managed_profile.py):
-- one client's leads for a growth brain as of T (enough leads for recommendations, a week-over-week
-- change of the high-urgency share), and three running A/B tests (a winner, too few samples, a
-- sample-ratio mismatch), with times relative to the session's :'now' so both hosts get the same.
insert into public.clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix)
values ('f1f1f1f1-0000-4000-8000-000000000016', 'Managed Co', 'managed@growth.test',
        extensions.crypt('pw', extensions.gen_salt('bf', 4)), encode(extensions.digest('managed', 'sha256'), 'hex'),
        'avk_managed16');

insert into public.lead_memory (client_id, message, intent, tone, urgency, language, confidence_score, current_tag,
                                created_at)
select 'f1f1f1f1-0000-4000-8000-000000000016', 'message ' || i,
       (array['Quote Request', 'Demo Request', 'Support Request', 'Partnership', 'Spam'])[1 + i % 5],
       (array['Professional', 'Friendly', 'Formal', 'Frustrated', 'Casual', 'Urgent'])[1 + i % 6],
       case when i <= 30 then (case when i % 2 = 0 then 'High' else 'Low' end)
            else (case when i % 5 = 0 then 'High' when i % 5 = 1 then 'Medium' else 'Low' end) end,
       case when i % 3 = 0 then 'fr' else 'en' end, 0.40 + (i % 6) / 10.0,
       case when i % 7 = 0 then 'Converted' when i % 4 = 0 then 'Hot Lead' end,
       '2026-06-01 12:00:00+00'::timestamptz - case when i <= 30 then interval '1 day' * (i % 7) + interval '1 hour'
                                                    else interval '7 days' + interval '1 day' * (i % 7) + interval '2 hours' end
  from generate_series(1, 50) i;

select private.analyse_growth('f1f1f1f1-0000-4000-8000-000000000016', '2026-06-01 12:00:00+00');

insert into public.prompt_registry (prompt_name, variant_version, variant_id, prompt_text)
select p, v, p || case v when 1 then '.ctl' else '.trt' end, 'text ' || v
  from unnest(array['win16', 'few16', 'srm16']) p cross join generate_series(1, 2) v;
insert into public.prompt_ab_tests (test_name, prompt_name, control_variant_id, treatment_variant_id, status,
                                    started_at, max_duration_days)
select p || '-test', p, p || '.ctl', p || '.trt', 'running', :'now'::timestamptz - interval '1 day', 7
  from unnest(array['win16', 'few16', 'srm16']) p;
insert into public.prompt_performance (prompt_registry_id, execution_id, output_quality_score, executed_at)
select r.id, a.variant || ':' || i, case when i <= a.ok then 1 else 0 end, :'now'::timestamptz - interval '1 hour'
  from (values ('win16.ctl', 150, 60), ('win16.trt', 150, 120), ('few16.ctl', 50, 10), ('few16.trt', 50, 40),
               ('srm16.ctl', 300, 150), ('srm16.trt', 150, 75)) a (variant, n, ok)
  join public.prompt_registry r on r.variant_id = a.variant
 cross join lateral generate_series(1, a.n) i;
