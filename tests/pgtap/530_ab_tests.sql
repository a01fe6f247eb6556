-- Needs plpython3u: the statistics of evaluate_ab_tests run in PL/Python (learning_plpython); without it the plain-SQL forms give counts only.
-- evaluate_ab_tests: a clear winner with enough samples completes the test and becomes the active
-- variant; too few samples continue; a sample-ratio mismatch sends the test back to draft with its
-- reason; an expired test ends without a winner; the always-valid p-value is a running minimum.
begin;
select plan(22);

create function tests.ab_case(prompt text, started interval, max_days integer,
                              control_n integer, control_ok integer, treatment_n integer, treatment_ok integer)
returns void language plpgsql as $$
begin
  insert into public.prompt_registry (prompt_name, variant_version, variant_id, prompt_text)
  values (prompt, 1, prompt || '.ctl', 'control text'), (prompt, 2, prompt || '.trt', 'treatment text');
  insert into public.prompt_ab_tests (test_name, prompt_name, control_variant_id, treatment_variant_id, status,
                                      started_at, max_duration_days)
  values (prompt || '-test', prompt, prompt || '.ctl', prompt || '.trt', 'running', now() - started, max_days);
  insert into public.prompt_performance (prompt_registry_id, execution_id, output_quality_score, executed_at)
  select r.id, prompt || ':' || arm || ':' || i, case when i <= ok then 1 else 0 end, now() - interval '1 hour'
    from (values ('ctl', control_n, control_ok), ('trt', treatment_n, treatment_ok)) a (arm, n, ok)
    join public.prompt_registry r on r.variant_id = prompt || '.' || a.arm
    cross join lateral generate_series(1, a.n) i;
end
$$;

select tests.ab_case('win530', '1 day', 7, 150, 60, 150, 120);
select tests.ab_case('few530', '1 day', 7, 50, 10, 50, 40);
select tests.ab_case('srm530', '1 day', 7, 300, 150, 150, 75);
select tests.ab_case('old530', '8 days', 7, 120, 60, 120, 61);
select tests.ab_case('min530', '1 day', 7, 10, 5, 10, 5);
update prompt_ab_tests set treatment_metrics = '{"sequential_p_value": 0.2}' where test_name = 'min530-test';

select tests.authenticate_as('service_role');
select evaluate_ab_tests() as run \gset
select is((:'run'::jsonb ->> 'evaluated')::int, 5, 'every running test is evaluated');

select is((select status || ' ' || winner_variant_id from prompt_ab_tests where test_name = 'win530-test'),
          'completed win530.trt', '60/150 against 120/150: the treatment wins and the test completes');
select ok((select statistical_significance <= significance_level from prompt_ab_tests where test_name = 'win530-test'),
          'the always-valid p-value is below the significance level');
select ok((select completed_at = now() from prompt_ab_tests where test_name = 'win530-test'), 'completed_at is set');
select is((select control_metrics - 'evaluated_at' from prompt_ab_tests where test_name = 'win530-test'),
          '{"exposures": 150, "judged": 150, "successes": 60, "success_rate": 0.4, "quality_n": 150,
            "mean_quality": 0.4, "quality_variance": 0.241611}'::jsonb,
          'control metrics: success rate and mean quality with their counts');
select ok((select (treatment_metrics ->> 'chance_to_beat_control')::numeric > 0.999 from prompt_ab_tests
            where test_name = 'win530-test'), 'the Bayesian chance that the treatment beats the control is in the metrics');
select ok((select (treatment_metrics ->> 'z_test_p_value')::numeric <= (treatment_metrics ->> 'sequential_p_value')::numeric
             from prompt_ab_tests where test_name = 'win530-test'),
          'the fixed-horizon z-test p-value is reported beside the (never smaller) always-valid one');
select ok((select (treatment_metrics ->> 'welch_p_value')::numeric < 0.001 from prompt_ab_tests where test_name = 'win530-test'),
          'Welch''s t on mean quality is reported');
select is((select array_agg(variant_id || '=' || is_active order by variant_id) from prompt_registry where prompt_name = 'win530'),
          array['win530.ctl=false', 'win530.trt=true'], 'the winner becomes the active variant, the loser retires');
select is((choose_prompt_variant('win530', 'en', 'anyone')) ->> 'variant_id', 'win530.trt',
          'after the test every unit gets the winner');

select is((select status || ' ' || coalesce(winner_variant_id, '-') from prompt_ab_tests where test_name = 'few530-test'),
          'running -', '10/50 against 40/50: below min_sample_size the test continues');
select is((select treatment_metrics ->> 'looks' from prompt_ab_tests where test_name = 'few530-test'), '1', 'looks are counted');

select is((select status from prompt_ab_tests where test_name = 'srm530-test'), 'draft',
          '300 against 150 units on a 50/50 split: the test is paused (back to draft)');
select ok((select (treatment_metrics ->> 'srm_p_value')::numeric < 0.001 from prompt_ab_tests where test_name = 'srm530-test'),
          'the SRM chi-square p-value is below 0.001');
select ok((select treatment_metrics -> 'status_reason' ->> 'en' like 'sample ratio mismatch: 300 control / 150 treatment%'
             and treatment_metrics -> 'status_reason' ->> 'fr' like 'déséquilibre de répartition%'
             from prompt_ab_tests where test_name = 'srm530-test'), 'the pause has its reason in English and French');
select is((choose_prompt_variant('srm530', 'en', 'u')) ->> 'assignment', 'best', 'a paused test assigns nobody');

select is((select status || ' ' || coalesce(winner_variant_id, '-') from prompt_ab_tests where test_name = 'old530-test'),
          'completed -', 'past max_duration_days without significance: completed without a winner');
select is((select array_agg(is_active) from prompt_registry where prompt_name = 'old530'), array[true, true],
          'no winner: both variants stay active');

select is((select statistical_significance from prompt_ab_tests where test_name = 'min530-test'), 0.20000::numeric,
          'the always-valid p-value never rises: the earlier 0.2 is kept');

select is((evaluate_ab_tests()) ->> 'evaluated', '2', 'a second run evaluates the two tests still running');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000530"}');
select throws_ok($$select evaluate_ab_tests()$$, '42501', null, 'a client cannot evaluate tests');
select throws_ok($$select * from prompt_ab_tests$$, '42501', null, 'a client cannot read the tests');

select * from finish();
rollback;
