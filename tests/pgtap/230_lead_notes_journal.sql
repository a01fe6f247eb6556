-- Lead notes (add / update / delete with audit) and the lead_journal view, from both tenants,
-- anon and service_role.
begin;
select plan(27);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix)
values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'Tenant A', 'a@tenant-a.test', extensions.crypt('pw-a-long-enough', extensions.gen_salt('bf', 4)),
   encode(extensions.digest('avk_tenant_a_key', 'sha256'), 'hex'), 'avk_tenantA'),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'Tenant B', 'b@tenant-b.test', extensions.crypt('pw-b-long-enough', extensions.gen_salt('bf', 4)),
   encode(extensions.digest('avk_tenant_b_key', 'sha256'), 'hex'), 'avk_tenantB');
insert into lead_memory (id, client_id, name, email, message, language)
values
  ('aaaaaaaa-1111-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Lead A', 'lead@a.test', 'Hello A', 'en'),
  ('bbbbbbbb-1111-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000002', 'Lead B', 'lead@b.test', 'Bonjour B', 'fr');
insert into lead_actions (client_id, lead_id, action_type, "timestamp", performed_by)
values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000001', 'created', now() - interval '1 hour', 'system'),
       ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-1111-4000-8000-000000000002', 'created', now() - interval '1 hour', 'system');

-- Tenant A writes, edits and deletes notes on its lead.
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001", "email": "a@tenant-a.test"}');
select add_lead_note('aaaaaaaa-1111-4000-8000-000000000001', '  Called back, interested.  ') as n1 \gset
select (:'n1'::jsonb ->> 'note_id') as n1_id \gset
select is(:'n1'::jsonb ->> 'note', 'Called back, interested.', 'add_lead_note stores the trimmed note');
select is(:'n1'::jsonb ->> 'performed_by', 'a@tenant-a.test', 'the note is performed by the session''s e-mail');
select ok(:'n1'::jsonb ? 'created_at', 'add_lead_note returns the timestamp');
select add_lead_note('aaaaaaaa-1111-4000-8000-000000000001', 'Second note') ->> 'note_id' as n2_id \gset
select is(update_lead_note(:'n1_id', 'Called back: wants a demo.') ->> 'note', 'Called back: wants a demo.',
          'update_lead_note replaces the text');
select is(delete_lead_note(:'n2_id') ->> 'deleted', 'true', 'delete_lead_note deletes the note');
select is((select array_agg(note) from lead_notes), array['Called back: wants a demo.'], 'A reads the remaining note');

-- Bad input: 22023 and nothing changes.
select throws_ok($$select add_lead_note('aaaaaaaa-1111-4000-8000-000000000001', E' \n\t ')$$, '22023',
                 'note must be 1 to 10,000 characters, got 0', 'a blank note is refused');
select throws_ok($$select add_lead_note('aaaaaaaa-1111-4000-8000-000000000001', null)$$, '22023', null, 'a null note is refused');
select throws_ok($$select add_lead_note('aaaaaaaa-1111-4000-8000-000000000001', repeat('x', 10001))$$, '22023',
                 'note must be 1 to 10,000 characters, got 10001', 'a note over 10,000 characters is refused');
select throws_ok(format($$select update_lead_note(%L, '')$$, :'n1_id'), '22023', null, 'an update to a blank note is refused');
select throws_ok($$select delete_lead_note('cccccccc-2222-4000-8000-000000000009')$$, 'PT404',
                 'note cccccccc-2222-4000-8000-000000000009 not found', 'deleting a missing note is not found');

-- The journal: actions and notes of the lead, in time order, action_type exposed as action.
select is((select array_agg(entry_type || ':' || action order by occurred_at, entry_type)
             from lead_journal where lead_id = 'aaaaaaaa-1111-4000-8000-000000000001'),
          array['action:created', 'action:note_added', 'note:note', 'action:note_added', 'action:note_updated',
                'action:note_deleted'],
          'the journal merges actions and notes in time order');
select is((select array_agg(action order by occurred_at, entry_type) from lead_journal), array['created', 'note_added', 'note',
          'note_added', 'note_updated', 'note_deleted'], 'A sees only its own journal');
select is((select note from lead_journal where entry_type = 'note'), 'Called back: wants a demo.', 'a note entry carries its text');
select is((select array_agg(action order by occurred_at, entry_type) from (select * from lead_journal) j), (select array_agg(action)
             from lead_journal), 'the view returns entries already in time order');

-- Tenant B: A's notes do not exist for it.
select tests.authenticate_as('authenticated', '{"client_id": "bbbbbbbb-0000-4000-8000-000000000002"}');
select throws_ok(format($$select update_lead_note(%L, 'hijacked')$$, :'n1_id'), 'PT404',
                 format('note %s not found', :'n1_id'), 'B cannot update A''s note: not found');
select throws_ok(format($$select delete_lead_note(%L)$$, :'n1_id'), 'PT404', null, 'B cannot delete A''s note');
select throws_ok($$select add_lead_note('aaaaaaaa-1111-4000-8000-000000000001', 'spam')$$, 'PT404',
                 'lead aaaaaaaa-1111-4000-8000-000000000001 not found', 'B cannot add a note to A''s lead');
select is_empty($$select 1 from lead_journal where lead_id = 'aaaaaaaa-1111-4000-8000-000000000001'$$,
                'B sees nothing of A''s journal');
select is((select array_agg(action) from lead_journal), array['created'], 'B sees its own journal');
select throws_ok($$insert into lead_notes (client_id, lead_id, note)
                   values ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-1111-4000-8000-000000000002', 'direct')$$,
                 '42501', null, 'notes are written only through the RPCs');
select tests.clear_authentication();
select is((select note from lead_notes where id = :'n1_id'), 'Called back: wants a demo.', 'B''s attempts left A''s note unchanged');
select is((select count(*)::int from lead_actions where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'), 1,
          'B''s refused calls wrote no action');

-- anon and service_role.
select tests.authenticate_as('anon');
select throws_ok($$select add_lead_note('aaaaaaaa-1111-4000-8000-000000000001', 'x')$$, '42501', null, 'anon cannot add notes');
select throws_ok('select * from lead_journal', '42501', null, 'anon cannot read the journal');
select tests.authenticate_as('service_role');
select throws_ok(format($$select delete_lead_note(%L)$$, :'n1_id'), '42501', null, 'service_role does not use the note RPCs');
select is((select count(*)::int from lead_journal where client_id in ('aaaaaaaa-0000-4000-8000-000000000001',
            'bbbbbbbb-0000-4000-8000-000000000002')), 7, 'service_role reads every journal');

select * from finish();
rollback;
