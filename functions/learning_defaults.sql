-- The two analytic steps of the learning loop that need Python (statistics and wording), in their
-- plain-SQL form: they answer "not computed here" so that everything else deploys and runs on hosts
-- without plpython3u (Supabase, Neon). The learning_plpython change replaces both with thin
-- PL/Python wrappers over python_udfs (functions/learning_plpython.sql); where the language is
-- missing the worker runs the same Python functions and writes their results back
-- (sidecar/avenir/worker/udf_fallback.py): it finds the growth_brain rows whose
-- predictive_insights.basis.engine is 'sql', and the A/B tests evaluate_ab_tests deferred.

create or replace function private.growth_insights(figures jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'urgency_trend', pg_catalog.jsonb_build_object(
      'current_week', pg_catalog.jsonb_build_object('n', figures -> 'trend' -> 'current_n',
                                                     'high', figures -> 'trend' -> 'current_high'),
      'previous_week', pg_catalog.jsonb_build_object('n', figures -> 'trend' -> 'previous_n',
                                                      'high', figures -> 'trend' -> 'previous_high'),
      'change_points', figures -> 'trend' -> 'change_points', 'p_value', null, 'significant', false),
    'predictive_insights', pg_catalog.jsonb_build_object(
      -- Worded in both languages by private.word_growth_insights (the French is the dictionary's).
      'summary', '{"text": "Recommendations are not computed on this host.", "args": []}'::jsonb,
      'recommendations', '[]'::jsonb,
      'basis', pg_catalog.jsonb_build_object('total_leads', figures -> 'total_leads', 'engine', 'sql')))
$$;
comment on function private.growth_insights(jsonb) is
  'Trend test and recommendations (English templates that private.word_growth_insights words) of growth_brain '
  'figures. This plain-SQL form computes no test and no '
  'recommendation (basis.engine = sql: the worker fills them in with python_udfs.growth_insights); the '
  'learning_plpython change replaces it with that function in PL/Python.';
revoke execute on function private.growth_insights(jsonb) from public;

create or replace function private.evaluate_ab_look(look jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'control_metrics', look -> 'control', 'treatment_metrics', look -> 'treatment',
    'statistical_significance', null, 'decision', 'deferred', 'winner', null,
    -- Worded in both languages by private.apply_ab_look (the French is the dictionary's).
    'reason', '{"text": "no PL/Python on this host: the worker makes the look", "args": []}'::jsonb)
$$;
comment on function private.evaluate_ab_look(jsonb) is
  'One look at an A/B test: metrics, SRM check, always-valid p-value, decision. This plain-SQL form defers '
  '(the worker evaluates with python_udfs.ab_evaluation.evaluate); the learning_plpython change replaces it with '
  'that function in PL/Python.';
revoke execute on function private.evaluate_ab_look(jsonb) from public;
grant execute on function private.evaluate_ab_look(jsonb) to service_role;
