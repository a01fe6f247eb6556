-- PL/Python forms of the learning loop's analytic steps: thin wrappers over stdlib-only functions
-- of python_udfs (unit-tested directly in tests/python_udfs). They replace the plain-SQL forms of
-- functions/learning_defaults.sql where plpython3u exists.

create or replace function private.growth_insights(figures jsonb)
returns jsonb
language plpython3u
immutable
as $$
import json
from python_udfs.growth_insights import growth_insights
return json.dumps(growth_insights(json.loads(figures)))
$$;
comment on function private.growth_insights(jsonb) is
  'Trend test (two-proportion z) and recommendations (English templates and arguments, worded in both '
  'languages by private.word_growth_insights) of growth_brain figures: '
  'python_udfs.growth_insights.growth_insights.';
revoke execute on function private.growth_insights(jsonb) from public;

create or replace function private.evaluate_ab_look(look jsonb)
returns jsonb
language plpython3u
immutable
as $$
import json
from python_udfs.ab_evaluation import evaluate
return json.dumps(evaluate(json.loads(look)))
$$;
comment on function private.evaluate_ab_look(jsonb) is
  'One look at an A/B test (metrics, SRM chi-square, always-valid mSPRT p-value, z and Welch p-values, '
  'Bayesian chance to beat, decision): python_udfs.ab_evaluation.evaluate.';
revoke execute on function private.evaluate_ab_look(jsonb) from public;
grant execute on function private.evaluate_ab_look(jsonb) to service_role;
