-- A tenant's dashboard list (GET /lead_memory?...&order=created_at.desc&limit=20), as the gateway
-- runs it under RLS: an index read in order, no sort, whatever the deleted filter. On enough rows
-- (20,000 leads in the tenant, 5,000 in another, a tenth deleted) for the planner to choose freely.
begin;
select tests.start_from_empty_tables();
select plan(9);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix)
values ('a0000000-0000-4000-8000-000000000001', 'Dashboard A', 'a@dash.test', extensions.crypt('pw-a', extensions.gen_salt('bf', 4)), repeat('a', 64), 'avk_dasha000'),
       ('b0000000-0000-4000-8000-000000000002', 'Dashboard B', 'b@dash.test', extensions.crypt('pw-b', extensions.gen_salt('bf', 4)), repeat('b', 64), 'avk_dashb000');
insert into lead_memory (client_id, name, email, message, created_at, deleted)
select case when i % 5 = 0 then 'b0000000-0000-4000-8000-000000000002'::uuid
            else 'a0000000-0000-4000-8000-000000000001'::uuid end,
       'Lead ' || i, 'lead' || i || '@dash.test', 'Hello', now() - i * interval '1 minute', i % 10 = 3
  from generate_series(1, 25000) i;
analyze lead_memory;

select tests.authenticate_as('authenticated', '{"client_id": "a0000000-0000-4000-8000-000000000001"}');

select is((select count(*)::int from lead_memory where deleted = false), 17500,
          'the tenant sees its own live leads only (RLS), the list below is over real rows');

select ok(exists (select from tests.plan_nodes($$
            select id, name, email, created_at from lead_memory
             where deleted = false order by created_at desc limit 20$$)
          where index_name = 'lead_memory_client_id_created_at_idx'),
          'deleted=eq.false: read through the (client_id, created_at desc) index');
select ok(not exists (select from tests.plan_nodes($$
            select id, name, email, created_at from lead_memory
             where deleted = false order by created_at desc limit 20$$)
          where node_type in ('Sort', 'Incremental Sort', 'Seq Scan')),
          'deleted=eq.false: no sort and no sequential scan');

select ok(exists (select from tests.plan_nodes($$
            select id, name, email, created_at from lead_memory
             where deleted is false order by created_at desc limit 20$$)
          where index_name = 'lead_memory_client_id_created_at_idx'),
          'deleted=is.false: read through the (client_id, created_at desc) index');
select ok(not exists (select from tests.plan_nodes($$
            select id, name, email, created_at from lead_memory
             where deleted is false order by created_at desc limit 20$$)
          where node_type in ('Sort', 'Incremental Sort', 'Seq Scan')),
          'deleted=is.false: no sort and no sequential scan');

select ok(exists (select from tests.plan_nodes($$
            select id, name, email, created_at from lead_memory order by created_at desc limit 20$$)
          where index_name = 'lead_memory_client_id_created_at_idx'),
          'no deleted filter: read through the (client_id, created_at desc) index');
select ok(not exists (select from tests.plan_nodes($$
            select id, name, email, created_at from lead_memory order by created_at desc limit 20$$)
          where node_type in ('Sort', 'Incremental Sort', 'Seq Scan')),
          'no deleted filter: no sort and no sequential scan');

select ok(exists (select from tests.plan_nodes($$
            select id from lead_memory
             where client_id = 'a0000000-0000-4000-8000-000000000001' and deleted is false
             order by created_at desc limit 20$$)
          where index_name = 'lead_memory_client_id_created_at_idx'),
          'an explicit client_id filter as well: the same index read');

select results_eq($$select name from lead_memory where deleted is false order by created_at desc limit 3$$,
                  $$values ('Lead 1'), ('Lead 2'), ('Lead 4')$$,
                  'the list is the tenant''s newest live leads first');

select * from finish();
rollback;
