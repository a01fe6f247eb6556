-- The worker's python_udfs fallback (udf_fallback.py): where PL/Python is missing, the rows the
-- plain-SQL forms of functions/learning_defaults.sql left without statistics or wording.

-- name: plpython_missing
-- The learning_plpython change replaces the plain-SQL forms: their language says which is deployed.
select l.lanname <> 'plpython3u' as missing
  from pg_catalog.pg_proc p
  join pg_catalog.pg_language l on l.oid = p.prolang
 where p.oid = 'private.evaluate_ab_look(jsonb)'::pg_catalog.regprocedure;

-- name: growth_rows_without_wording
-- Rows private.growth_insights wrote in SQL (basis.engine = 'sql'), with their figures recomputed
-- as of the same time, as text: PL/Python receives jsonb as that same text.
select b.client_id, b.analysis_period_end as as_of,
       private.growth_brain_figures(b.client_id, b.analysis_period_end)::text as figures
  from public.growth_brain b
 where b.predictive_insights -> 'basis' ->> 'engine' = 'sql'
 order by b.analyzed_at
 limit %(limit)s
   for update of b skip locked;

-- name: store_growth_brain
select private.store_growth_brain(%(client_id)s, %(as_of)s, %(figures)s::jsonb, %(words)s::jsonb) as stored;

-- name: ab_task_lock
-- The lock evaluate_ab_tests (cron) takes: one evaluation at a time, whoever makes it.
select private.try_task_lock('evaluate-ab-tests') as locked;

-- name: ab_looks_due
-- Running tests whose last look is older than the interval (the cron's hourly cadence), with the
-- input of their look as text (what PL/Python would receive).
select t.id, private.ab_test_look(t, now())::text as look
  from public.prompt_ab_tests t
 where t.status = 'running'
   and coalesce((t.treatment_metrics ->> 'evaluated_at')::timestamptz, '-infinity')
       <= now() - pg_catalog.make_interval(secs => %(interval)s)
 order by t.started_at nulls first, t.id
 limit %(limit)s
   for update of t skip locked;

-- name: apply_ab_look
select private.apply_ab_look(t, %(result)s::jsonb) as applied from public.prompt_ab_tests t where t.id = %(id)s;
