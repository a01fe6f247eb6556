-- Tenant isolation of clients, lead_memory, lead_actions and lead_notes, seen from the other
-- tenant's side, from anon, and from service_role.
begin;
select tests.start_from_empty_tables();
select plan(44);

-- Two tenants, A and B, each with one lead, one action and one note (as the superuser).
insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, is_test)
values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'Tenant A', 'a@tenant-a.localhost', extensions.crypt('pw-a', extensions.gen_salt('bf', 4)),
   encode(extensions.digest('avk_tenant_a_key', 'sha256'), 'hex'), 'avk_tenantA', false),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'Tenant B', 'b@tenant-b.localhost', extensions.crypt('pw-b', extensions.gen_salt('bf', 4)),
   encode(extensions.digest('avk_tenant_b_key', 'sha256'), 'hex'), 'avk_tenantB', true);
insert into lead_memory (id, client_id, name, email, message, language)
values
  ('aaaaaaaa-1111-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Lead A', 'lead@a.localhost', 'Hello A', 'en'),
  ('bbbbbbbb-1111-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000002', 'Lead B', 'lead@b.localhost', 'Bonjour B', 'fr');
insert into lead_actions (client_id, lead_id, action_type)
values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000001', 'created'),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-1111-4000-8000-000000000002', 'created');
insert into lead_notes (client_id, lead_id, note)
values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000001', 'note of A'),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-1111-4000-8000-000000000002', 'note of B');

-- Tenant-safe keys: a child row cannot point into another tenant's lead.
select throws_ok($$insert into lead_notes (client_id, lead_id, note)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-1111-4000-8000-000000000002', 'x')$$,
                 '23503', null, 'a note of tenant A cannot point at a lead of tenant B');
select throws_ok($$insert into lead_actions (client_id, lead_id, action_type)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-1111-4000-8000-000000000002', 'archived')$$,
                 '23503', null, 'an action of tenant A cannot point at a lead of tenant B');
select is((select bool_and(is_test) from lead_memory where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'), true,
          'a lead of an is_test client is marked is_test');
select is((select bool_and(is_test) from lead_notes where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'), true,
          'a note of an is_test client is marked is_test');
select is((select bool_or(is_test) from lead_actions where client_id = 'aaaaaaaa-0000-4000-8000-000000000001'), false,
          'an action of a real client is not marked is_test');

-- Tenant A.
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001"}');

select results_eq('select client_id from clients', $$values ('aaaaaaaa-0000-4000-8000-000000000001'::uuid)$$,
                  'clients: A reads only its own account');
select throws_ok('select password_hash from clients', '42501', null, 'clients: A cannot read password hashes');
select throws_ok('select api_key_hash from clients', '42501', null, 'clients: A cannot read API key hashes');
select is(tests.affected_rows_of($$update clients set business_name = 'hijacked'
                                where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$), 0,
          'clients: A updates none of B''s account');
select is(tests.affected_rows_of($$update clients set booking_link = 'http://127.0.0.1/book'$$), 1,
          'clients: A updates its own settings');
select throws_ok($$update clients set client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$, '42501', null,
                 'clients: A cannot change its client_id');
select throws_ok($$update clients set is_internal = true$$, '42501', null, 'clients: A cannot make itself internal');
select throws_ok($$insert into clients (business_name, email, password_hash, api_key_hash, api_key_prefix)
                   values ('x', 'x@x.localhost', 'x', 'x', 'x')$$, '42501', null, 'clients: A cannot create accounts');
select throws_ok($$delete from clients where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$, '42501', null,
                 'clients: A cannot delete accounts');

select results_eq('select id from lead_memory', $$values ('aaaaaaaa-1111-4000-8000-000000000001'::uuid)$$,
                  'lead_memory: A reads only its own leads');
select is_empty($$select 1 from lead_memory where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$,
                'lead_memory: A sees nothing of B even when asking for it');
select throws_ok($$insert into lead_memory (client_id, name) values ('bbbbbbbb-0000-4000-8000-000000000002', 'x')$$,
                 '42501', null, 'lead_memory: A cannot insert into B');
select throws_ok($$update lead_memory set current_tag = 'Hot Lead' where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$,
                 '42501', null, 'lead_memory: A cannot update B''s leads');
select throws_ok($$delete from lead_memory where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$,
                 '42501', null, 'lead_memory: A cannot delete B''s leads');

select results_eq('select lead_id from lead_actions', $$values ('aaaaaaaa-1111-4000-8000-000000000001'::uuid)$$,
                  'lead_actions: A reads only its own actions');
select throws_ok($$insert into lead_actions (client_id, lead_id, action_type)
                   values ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-1111-4000-8000-000000000002', 'archived')$$,
                 '42501', null, 'lead_actions: A cannot insert into B');
select throws_ok($$update lead_actions set tag = 'x' where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$,
                 '42501', null, 'lead_actions: A cannot update B''s actions');
select throws_ok($$delete from lead_actions where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$,
                 '42501', null, 'lead_actions: A cannot delete B''s actions');

select results_eq('select note from lead_notes', $$values ('note of A')$$, 'lead_notes: A reads only its own notes');
select throws_ok($$insert into lead_notes (client_id, lead_id, note)
                   values ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-1111-4000-8000-000000000002', 'x')$$,
                 '42501', null, 'lead_notes: A cannot insert into B');
select throws_ok($$update lead_notes set note = 'x' where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$,
                 '42501', null, 'lead_notes: A cannot update B''s notes');
select throws_ok($$delete from lead_notes where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$,
                 '42501', null, 'lead_notes: A cannot delete B''s notes');

-- A JWT without a client_id claim sees no tenant at all.
select tests.authenticate_as('authenticated', '{}');
select is_empty('select 1 from lead_memory', 'lead_memory: an authenticated JWT without client_id sees nothing');
select is_empty('select 1 from clients', 'clients: an authenticated JWT without client_id sees nothing');

-- anon: nothing of any tenant.
select tests.authenticate_as('anon');
select throws_ok('select 1 from clients', '42501', null, 'clients: anon reads nothing');
select throws_ok('select 1 from lead_memory', '42501', null, 'lead_memory: anon reads nothing');
select throws_ok('select 1 from lead_actions', '42501', null, 'lead_actions: anon reads nothing');
select throws_ok('select 1 from lead_notes', '42501', null, 'lead_notes: anon reads nothing');
select throws_ok($$insert into lead_memory (client_id, name) values ('aaaaaaaa-0000-4000-8000-000000000001', 'x')$$,
                 '42501', null, 'lead_memory: anon cannot insert (leads come through submit_lead)');
select throws_ok($$update clients set business_name = 'x'$$, '42501', null, 'clients: anon cannot update');

-- service_role: everything.
select tests.authenticate_as('service_role');
select is((select count(*)::int from clients), 2, 'clients: service_role reads every account');
select is((select count(*)::int from lead_memory), 2, 'lead_memory: service_role reads every lead');
select is((select count(*)::int from lead_actions), 2, 'lead_actions: service_role reads every action');
select is((select count(*)::int from lead_notes), 2, 'lead_notes: service_role reads every note');
select is(tests.affected_rows_of($$update lead_memory set current_tag = 'Hot Lead'$$), 2, 'lead_memory: service_role updates any lead');
select lives_ok($$insert into lead_notes (client_id, lead_id, note)
                  values ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-1111-4000-8000-000000000002', 'by service')$$,
                'lead_notes: service_role inserts for any tenant');

-- What A did to its own settings stuck, and B is untouched.
select tests.clear_authentication();
select is((select business_name from clients where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'), 'Tenant B',
          'B''s account is unchanged after A''s attempts');
select is((select booking_link from clients where client_id = 'aaaaaaaa-0000-4000-8000-000000000001'), 'http://127.0.0.1/book',
          'A''s own settings update is stored');
select is((select count(*)::int from lead_notes where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'), 2,
          'B''s notes are the fixture and the service one only');

select * from finish();
rollback;
