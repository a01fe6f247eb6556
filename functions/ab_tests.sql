-- A/B tests of prompt variants: the hourly evaluation. SQL sums each arm in one aggregate; the look
-- itself (SRM check, always-valid p-value, chance to beat, decision) is private.evaluate_ab_look
-- (python_udfs.ab_evaluation where PL/Python exists). service_role (and pg_cron) only.

create or replace function private.ab_test_look(test public.prompt_ab_tests, as_of timestamptz)
returns jsonb
language sql
stable
set search_path = ''
as $$
  with arms as (
    select r.variant_id, count(*) as exposures, count(q.quality) as judged,
           count(*) filter (where q.quality >= 0.5) as successes,
           count(q.quality) as quality_n, coalesce(sum(q.quality), 0) as quality_sum,
           coalesce(sum(q.quality * q.quality), 0) as quality_sq_sum
      from public.prompt_registry r
      join public.prompt_performance p on p.prompt_registry_id = r.id
      cross join lateral (select private.execution_quality(p.error_occurred, p.accuracy_score,
                                                           p.output_quality_score, p.user_rating) as quality) q
     where r.prompt_name = test.prompt_name and r.variant_id in (test.control_variant_id, test.treatment_variant_id)
       and p.executed_at >= coalesce(test.started_at, test.created_at) and p.executed_at <= as_of
       and p.environment = 'production'
     group by r.variant_id
  )
  select pg_catalog.jsonb_build_object(
    'control', coalesce((select pg_catalog.to_jsonb(a) - 'variant_id' from arms a where a.variant_id = test.control_variant_id), '{}'),
    'treatment', coalesce((select pg_catalog.to_jsonb(a) - 'variant_id' from arms a where a.variant_id = test.treatment_variant_id), '{}'),
    'control_share', test.control_traffic_percentage, 'treatment_share', test.treatment_traffic_percentage,
    'min_sample_size', test.min_sample_size, 'significance_level', test.significance_level,
    'previous_p', test.treatment_metrics -> 'sequential_p_value',
    'expired', as_of >= coalesce(test.started_at, test.created_at) + test.max_duration_days * interval '1 day')
$$;
comment on function private.ab_test_look(public.prompt_ab_tests, timestamptz) is
  'The input of one look at an A/B test: per arm exposures (executions since the start), judged executions, '
  'successes (quality >= 0.5) and quality sums; the split, thresholds, the running always-valid p and expiry.';
revoke execute on function private.ab_test_look(public.prompt_ab_tests, timestamptz) from public;
grant execute on function private.ab_test_look(public.prompt_ab_tests, timestamptz) to service_role;

create or replace function private.apply_ab_look(test public.prompt_ab_tests, result jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  winner text := case result ->> 'winner' when 'control' then test.control_variant_id
                                          when 'treatment' then test.treatment_variant_id end;
  loser text;
  reason_args text[] := array(select pg_catalog.jsonb_array_elements_text(
                                case pg_catalog.jsonb_typeof(result -> 'reason' -> 'args') when 'array'
                                     then result -> 'reason' -> 'args' else '[]' end));
begin
  update public.prompt_ab_tests t
     set control_metrics = (result -> 'control_metrics') || pg_catalog.jsonb_build_object('evaluated_at', now()),
         treatment_metrics = (result -> 'treatment_metrics')
                             || pg_catalog.jsonb_build_object(
                                  'evaluated_at', now(),
                                  'looks', coalesce((t.treatment_metrics ->> 'looks')::integer, 0) + 1,
                                  'decision', result ->> 'decision',
                                  -- {text, args}: an English template, worded here in both languages.
                                  'status_reason', case when result -> 'reason' ->> 'text' is not null then
                                    pg_catalog.jsonb_build_object(
                                      'en', private.ui_text(result -> 'reason' ->> 'text', 'en', variadic reason_args),
                                      'fr', private.ui_text(result -> 'reason' ->> 'text', 'fr', variadic reason_args)) end),
         statistical_significance = (result ->> 'statistical_significance')::numeric,
         -- A paused test goes back to draft (not running, assignment stopped) with its reason.
         status = case result ->> 'decision' when 'pause' then 'draft' when 'winner' then 'completed'
                                             when 'end' then 'completed' else t.status end,
         winner_variant_id = winner,
         completed_at = case when result ->> 'decision' in ('winner', 'end') then now() end
   where t.id = test.id;
  if winner is not null then
    -- The winner becomes the prompt's active variant (in the test's language): the loser retires.
    loser := case when winner = test.control_variant_id then test.treatment_variant_id else test.control_variant_id end;
    update public.prompt_registry r set is_active = (r.variant_id = winner)
     where r.prompt_name = test.prompt_name and r.variant_id in (winner, loser);
  end if;
  return pg_catalog.jsonb_build_object('test_name', test.test_name, 'decision', result ->> 'decision',
                                       'winner_variant_id', winner, 'p_value', result -> 'statistical_significance');
end
$$;
comment on function private.apply_ab_look(public.prompt_ab_tests, jsonb) is
  'Write one look''s result (private.evaluate_ab_look, or the sidecar running python_udfs.ab_evaluation where '
  'PL/Python is missing) into the test: metrics, p-value, status, winner; the winner becomes the active variant.';
revoke execute on function private.apply_ab_look(public.prompt_ab_tests, jsonb) from public;
grant execute on function private.apply_ab_look(public.prompt_ab_tests, jsonb) to service_role;

create or replace function public.evaluate_ab_tests()
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  test public.prompt_ab_tests;
  result jsonb;
  summary jsonb := '[]'::jsonb;
begin
  if not private.try_task_lock('evaluate-ab-tests') then
    return '{"skipped": "an evaluation is already in progress"}'::jsonb;
  end if;
  for test in
    select * from public.prompt_ab_tests t where t.status = 'running' order by t.started_at nulls first, t.id
       for update skip locked
  loop
    result := private.evaluate_ab_look(private.ab_test_look(test, now()));
    if result ->> 'decision' = 'deferred' then
      -- No PL/Python here: the sidecar makes this look with the same Python (avenir worker).
      summary := summary || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
        'test_name', test.test_name, 'decision', 'deferred', 'winner_variant_id', null, 'p_value', null));
      continue;
    end if;
    summary := summary || pg_catalog.jsonb_build_array(private.apply_ab_look(test, result));
  end loop;
  return pg_catalog.jsonb_build_object('evaluated', pg_catalog.jsonb_array_length(summary), 'tests', summary);
end
$$;
comment on function public.evaluate_ab_tests() is
  'Evaluate every running prompt A/B test (service_role; cron avenir-evaluate-ab-tests, hourly, advisory-locked): '
  'arm metrics with counts, fixed-horizon z and Welch p-values, the always-valid mSPRT p-value in '
  'statistical_significance, the SRM chi-square (p < 0.001 sends the test back to draft with its reason) and the '
  'chance to beat control. A winner needs min_sample_size judged executions per arm and p <= significance_level; '
  'it becomes the active variant. Past max_duration_days a test completes without a winner. Where PL/Python is '
  'missing each test is "deferred": the worker makes the look with python_udfs. Returns {evaluated, tests}.';
revoke execute on function public.evaluate_ab_tests() from public, anon, authenticated;
grant execute on function public.evaluate_ab_tests() to service_role;
