-- pgbench: enqueue through enqueue_job (NOTIFY only when no other due job is pending).
set role service_role;
select public.enqueue_job('form_test', '{"bench": true}');
