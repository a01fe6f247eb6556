-- What pg_dump --schema-only does not show but the migrations define, for tests/test_schema_drift.py:
-- the pg_cron schedules (rows of an extension's table) and the seeded reference rows (db/seeds/),
-- without generated ids and timestamps.
\pset format unaligned
\pset tuples_only on
select 'cron.job ' || jobname || ' ' || schedule || ' ' || command || ' active=' || active
  from cron.job order by jobname;
select 'translation_dictionary ' || (to_jsonb(d) - 'id' - 'created_at' - 'updated_at' - 'last_used_at')::text
  from public.translation_dictionary d order by 1;
select 'intent_translations ' || (to_jsonb(i) - 'id' - 'created_at')::text
  from public.intent_translations i order by 1;
