-- pgbench: the naive enqueue: insert and NOTIFY every time.
begin;
insert into public.queue_jobs (job_type, payload) values ('form_test', '{"bench": true}');
select pg_notify('avenir_jobs', 'form_test');
commit;
