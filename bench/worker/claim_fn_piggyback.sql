-- pgbench: the worker's own statement (complete_and_claim of sidecar/avenir/queries.sql) through
-- the queue functions, one job at a time: the SQL cost of the worker without Python.
with done as materialized (
  select count(*) filter (where public.complete_job(j.id, '{}', 'pgbench'))::integer as completed
    from unnest(array[:job_id]::uuid[]) as j (id)
)
select quote_literal(c.id) as job_id
  from done d
  join lateral public.claim_jobs('pgbench', array['form_test'], 1) c on true \gset
