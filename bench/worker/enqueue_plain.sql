-- pgbench: the floor: a bare insert, nobody woken.
insert into public.queue_jobs (job_type, payload) values ('form_test', '{"bench": true}');
