-- The spec's rules on clients and the lead tables are constraints: bad values are refused with
-- the constraint's SQLSTATE, and the triggers keep created_at / updated_at honest.
begin;
select plan(26);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix)
values ('aaaaaaaa-0000-4000-8000-000000000001', 'Tenant A', 'a@tenant-a.localhost',
        extensions.crypt('pw-a', extensions.gen_salt('bf', 4)),
        encode(extensions.digest('avk_tenant_a_key', 'sha256'), 'hex'), 'avk_tenantA');
insert into lead_memory (id, client_id, name) values
  ('aaaaaaaa-1111-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Lead A');

create function pg_temp.new_client(email text, password_hash text default '$2a$04$' || repeat('a', 53),
                                   api_key_hash text default repeat('0', 64), prefix text default 'avk_abcdefgh',
                                   language text default 'en', tone text default 'Professional')
returns void language sql as $$
  insert into public.clients (business_name, email, password_hash, api_key_hash, api_key_prefix, language, email_tone)
  values ('Probe', email, password_hash, api_key_hash, prefix, language, tone)
$$;

select lives_ok($$select pg_temp.new_client('probe@tenant-p.localhost')$$, 'a well-formed client is accepted');
select throws_ok($$select pg_temp.new_client('Probe@Tenant-P.localhost', api_key_hash => repeat('1', 64))$$, '23514', null,
                 'clients: an e-mail must be stored lower-case');
select throws_ok($$select pg_temp.new_client('probe@tenant-p.localhost', api_key_hash => repeat('2', 64))$$, '23505', null,
                 'clients: an e-mail is unique');
select throws_ok($$select pg_temp.new_client('not-an-email', api_key_hash => repeat('3', 64))$$, '23514', null,
                 'clients: an e-mail must look like one');
select throws_ok($$select pg_temp.new_client('p2@tenant-p.localhost', password_hash => 'plaintext-password',
                   api_key_hash => repeat('4', 64))$$, '23514', null, 'clients: a plaintext password is refused');
select throws_ok($$select pg_temp.new_client('p3@tenant-p.localhost', api_key_hash => 'avk_full_key_in_clear')$$, '23514', null,
                 'clients: api_key_hash must be a hex SHA-256 digest');
select throws_ok($$select pg_temp.new_client('p4@tenant-p.localhost', api_key_hash => repeat('0', 64))$$, '23505', null,
                 'clients: api_key_hash is unique');
select throws_ok($$select pg_temp.new_client('p5@tenant-p.localhost', api_key_hash => repeat('5', 64), language => 'de')$$,
                 '23514', null, 'clients: language is en or fr');
select throws_ok($$select pg_temp.new_client('p6@tenant-p.localhost', api_key_hash => repeat('6', 64), tone => 'Casual')$$,
                 '23514', null, 'clients: email_tone is Professional, Friendly, Formal or Energetic');
select throws_ok($$select pg_temp.new_client('p7@tenant-p.localhost', api_key_hash => repeat('7', 64),
                   prefix => 'avk_' || repeat('x', 40))$$, '23514', null, 'clients: api_key_prefix holds a prefix, not a key');

select throws_ok($$update lead_memory set urgency = 'Élevée'$$, '23514', null, 'lead_memory: urgency is canonical High/Medium/Low');
select lives_ok($$update lead_memory set urgency = 'High', confidence_score = 0.87$$, 'lead_memory: High with 0.87 is accepted');
select throws_ok($$update lead_memory set confidence_score = 1.5$$, '23514', null, 'lead_memory: confidence_score is at most 1');
select throws_ok($$update lead_memory set confidence_score = -0.1$$, '23514', null, 'lead_memory: confidence_score is at least 0');
select throws_ok($$update lead_memory set tone_history = '{"tone": "Friendly"}'$$, '23514', null,
                 'lead_memory: tone_history is a JSON array');
select throws_ok($$update lead_memory set urgency_history = '"High"'$$, '23514', null, 'lead_memory: urgency_history is a JSON array');
select throws_ok($$update lead_memory set language = 'es'$$, '23514', null, 'lead_memory: language is en or fr');
select throws_ok($$insert into lead_memory (client_id, name) values ('eeeeeeee-0000-4000-8000-000000000009', 'orphan')$$,
                 '23503', null, 'lead_memory: a lead belongs to an existing client');

select throws_ok($$insert into lead_actions (client_id, lead_id, action_type)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000001', 'exploded')$$,
                 '23514', null, 'lead_actions: action_type is one of the audited actions');
select throws_ok($$insert into lead_actions (client_id, lead_id, action_type)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000001', 'tagged')$$,
                 '23514', null, 'lead_actions: a tagged action names its tag');
select throws_ok($$insert into lead_notes (client_id, lead_id, note)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000001', '   ')$$,
                 '23514', null, 'lead_notes: a blank note is refused');
insert into lead_notes (client_id, lead_id, note)
values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000001', 'hello');
select is((select performed_by from lead_notes where note = 'hello'), 'admin', 'lead_notes: performed_by defaults to admin');

-- The shared updated_at trigger: an update stamps updated_at and never rewrites created_at.
update lead_memory set created_at = '2000-01-01', updated_at = '2000-01-01' where id = 'aaaaaaaa-1111-4000-8000-000000000001';
select isnt((select created_at from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000001'), '2000-01-01'::timestamptz,
            'an update cannot rewrite created_at');
select is((select updated_at from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000001'), now(),
          'an update stamps updated_at with the transaction time');

-- Deleting a client takes its tenant rows with it.
select lives_ok($$delete from clients where client_id = 'aaaaaaaa-0000-4000-8000-000000000001'$$, 'a client can be deleted');
select is((select count(*)::int from lead_memory where client_id = 'aaaaaaaa-0000-4000-8000-000000000001'), 0,
          'its leads go with it');

select * from finish();
rollback;
