-- The outreach e-mail state machine (issue 15, item 2): every allowed transition, a sample of
-- refused ones (PT409 naming both states), timestamps set once, missing_email never approved,
-- and the approve / reject RPCs of the campaign's client, tried from the other tenant's side.
begin;
select plan(50);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix) values
  ('aaaaaaaa-0000-4000-8000-000000000810', 'Tenant A 810', 'a@810.localhost', '$2a$04$' || repeat('a', 53), repeat('e', 64), 'avk_s810a'),
  ('bbbbbbbb-0000-4000-8000-000000000810', 'Tenant B 810', 'b@810.localhost', '$2a$04$' || repeat('b', 53), repeat('f', 64), 'avk_s810b');
insert into outreach_campaigns (id, client_id, name) values
  ('aaaaaaaa-7777-4000-8000-000000000810', 'aaaaaaaa-0000-4000-8000-000000000810', 'A 810'),
  ('bbbbbbbb-7777-4000-8000-000000000810', 'bbbbbbbb-0000-4000-8000-000000000810', 'B 810');
-- One e-mail per path, named by its number; all start pending.
insert into outreach_emails (id, client_id, campaign_id, prospect_email)
select ('aaaaaaaa-8888-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid, 'aaaaaaaa-0000-4000-8000-000000000810',
       'aaaaaaaa-7777-4000-8000-000000000810', 'p' || n || '@x.localhost'
  from generate_series(1, 12) n;
-- For the bulk RPCs: four more of A's, one more of B's.
insert into outreach_emails (id, client_id, campaign_id, prospect_email)
select ('aaaaaaaa-8888-4000-8000-0000000008' || n)::uuid, 'aaaaaaaa-0000-4000-8000-000000000810',
       'aaaaaaaa-7777-4000-8000-000000000810', 'q' || n || '@x.localhost'
  from generate_series(20, 23) n;
insert into outreach_emails (id, client_id, campaign_id, prospect_email)
values ('bbbbbbbb-8888-4000-8000-000000000802', 'bbbbbbbb-0000-4000-8000-000000000810',
        'bbbbbbbb-7777-4000-8000-000000000810', 'b2@x.localhost');
insert into outreach_emails (id, client_id, campaign_id, prospect_email, missing_email)
values ('aaaaaaaa-8888-4000-8000-000000000899', 'aaaaaaaa-0000-4000-8000-000000000810',
        'aaaaaaaa-7777-4000-8000-000000000810', null, true);
insert into outreach_emails (id, client_id, campaign_id, prospect_email)
values ('bbbbbbbb-8888-4000-8000-000000000801', 'bbbbbbbb-0000-4000-8000-000000000810',
        'bbbbbbbb-7777-4000-8000-000000000810', 'b@x.localhost');

create function pg_temp.walk(n integer, path text[]) returns text language plpgsql as $$
declare s text;
begin
  foreach s in array path loop
    update outreach_emails set status = s where id = ('aaaaaaaa-8888-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid;
  end loop;
  return (select status from outreach_emails where id = ('aaaaaaaa-8888-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid);
end $$;

select is((select array_agg(distinct t.to_status order by t.to_status) from private.outreach_email_transitions() t
             where pg_get_functiondef('private.tg__outreach_email_state()'::regprocedure)
                   like '%when ''' || t.to_status || ''' then%new.' || t.to_status || '_at := case when old.' || t.to_status || '_at is null%'
               and pg_get_functiondef('private.tg__outreach_email_state()'::regprocedure)
                   like '%old.' || t.to_status || '_at is not null then ''' || t.to_status || '_at''%'),
          (select array_agg(distinct to_status order by to_status) from private.outreach_email_transitions()),
          'the state trigger stamps and guards the timestamp of every state of the transitions');

-- Every allowed transition.
select is(pg_temp.walk(1, '{approved}'), 'approved', 'pending -> approved');
select is(pg_temp.walk(2, '{rejected}'), 'rejected', 'pending -> rejected');
select is(pg_temp.walk(3, '{approved,sent}'), 'sent', 'approved -> sent');
select is(pg_temp.walk(4, '{approved,sent,delivered}'), 'delivered', 'sent -> delivered');
select is(pg_temp.walk(5, '{approved,sent,bounced}'), 'bounced', 'sent -> bounced');
select is(pg_temp.walk(6, '{approved,sent,replied}'), 'replied', 'sent -> replied (a reply without an open)');
select is(pg_temp.walk(7, '{approved,sent,delivered,opened}'), 'opened', 'delivered -> opened');
select is(pg_temp.walk(8, '{approved,sent,delivered,opened,replied}'), 'replied', 'opened -> replied');
select is(pg_temp.walk(9, '{approved,sent,delivered,replied}'), 'replied', 'delivered -> replied');

-- Timestamps: each state's, set when reached.
select ok((select approved_at is not null and sent_at is not null and delivered_at is not null and opened_at is not null
                  and replied_at is not null and rejected_at is null and bounced_at is null
             from outreach_emails where id = 'aaaaaaaa-8888-4000-8000-000000000808'),
          'each state reached has its timestamp, the others none');
select ok((select approved_at <= sent_at and sent_at <= delivered_at and delivered_at <= opened_at and opened_at <= replied_at
             from outreach_emails where id = 'aaaaaaaa-8888-4000-8000-000000000808'),
          'the timestamps are in the order of the states');
select ok((select rejected_at is not null and approved_at is null from outreach_emails
            where id = 'aaaaaaaa-8888-4000-8000-000000000802'), 'a rejection stamps rejected_at');
update outreach_emails set status = 'approved' where id = 'aaaaaaaa-8888-4000-8000-000000000810';
update outreach_emails set status = 'sent', sent_at = '2026-12-01 10:00:00+00' where id = 'aaaaaaaa-8888-4000-8000-000000000810';
select is((select sent_at from outreach_emails where id = 'aaaaaaaa-8888-4000-8000-000000000810'),
          '2026-12-01 10:00:00+00'::timestamptz, 'a transition may carry its own time (an event''s)');
select throws_ok($$update outreach_emails set sent_at = now() where id = 'aaaaaaaa-8888-4000-8000-000000000810'$$,
                 'PT409', null, 'a timestamp once set cannot change');
select throws_ok($$update outreach_emails set approved_at = null where id = 'aaaaaaaa-8888-4000-8000-000000000810'$$,
                 'PT409', null, 'nor be cleared');

-- Refused transitions, naming both states.
select throws_ok($$update outreach_emails set status = 'sent' where id = 'aaaaaaaa-8888-4000-8000-000000000811'$$,
                 'PT409', 'outreach e-mail aaaaaaaa-8888-4000-8000-000000000811 cannot go from pending to sent / l''e-mail de prospection aaaaaaaa-8888-4000-8000-000000000811 ne peut pas passer de pending à sent',
                 'pending -> sent is refused (never sent without approval)');
select throws_ok($$update outreach_emails set status = 'approved' where id = 'aaaaaaaa-8888-4000-8000-000000000802'$$,
                 'PT409', 'outreach e-mail aaaaaaaa-8888-4000-8000-000000000802 cannot go from rejected to approved / l''e-mail de prospection aaaaaaaa-8888-4000-8000-000000000802 ne peut pas passer de rejected à approved',
                 'rejected is final');
select throws_ok($$update outreach_emails set status = 'pending' where id = 'aaaaaaaa-8888-4000-8000-000000000801'$$,
                 'PT409', null, 'approved -> pending is refused');
select throws_ok($$update outreach_emails set status = 'opened' where id = 'aaaaaaaa-8888-4000-8000-000000000803'$$,
                 'PT409', null, 'sent -> opened is refused (an open implies delivery first)');
select throws_ok($$update outreach_emails set status = 'sent' where id = 'aaaaaaaa-8888-4000-8000-000000000807'$$,
                 'PT409', null, 'opened -> sent is refused');
select throws_ok($$update outreach_emails set status = 'delivered' where id = 'aaaaaaaa-8888-4000-8000-000000000805'$$,
                 'PT409', null, 'bounced -> delivered is refused');
select throws_ok($$update outreach_emails set status = 'opened' where id = 'aaaaaaaa-8888-4000-8000-000000000806'$$,
                 'PT409', null, 'replied is final');
select throws_ok($$update outreach_emails set status = 'rejected' where id = 'aaaaaaaa-8888-4000-8000-000000000803'$$,
                 'PT409', null, 'sent -> rejected is refused');

-- missing_email never reaches approved.
select throws_ok($$update outreach_emails set status = 'approved' where id = 'aaaaaaaa-8888-4000-8000-000000000899'$$,
                 '22023', null, 'an e-mail without an address cannot be approved');
select throws_ok($$insert into outreach_emails (client_id, campaign_id, missing_email, status)
                   values ('aaaaaaaa-0000-4000-8000-000000000810', 'aaaaaaaa-7777-4000-8000-000000000810', true, 'approved')$$,
                 '23514', null, 'nor be inserted approved');

-- The RPCs, as the campaign's client and as the other tenant.
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000810", "email": "a@810.localhost"}');
select is(approve_outreach_email('aaaaaaaa-8888-4000-8000-000000000811') ->> 'status', 'approved',
          'the campaign''s client approves its pending e-mail');
select is((select metadata ->> 'approved_by' from outreach_emails where id = 'aaaaaaaa-8888-4000-8000-000000000811'),
          'a@810.localhost', 'who approved is kept');
select is(reject_outreach_email('aaaaaaaa-8888-4000-8000-000000000812', 'wrong industry') ->> 'status', 'rejected',
          'the campaign''s client rejects its pending e-mail');
select is((select metadata ->> 'rejection_reason' from outreach_emails where id = 'aaaaaaaa-8888-4000-8000-000000000812'),
          'wrong industry', 'the reason is kept');
select throws_ok($$select approve_outreach_email('aaaaaaaa-8888-4000-8000-000000000811')$$, 'PT409', null,
                 'approving twice is a conflict');
select throws_ok($$select approve_outreach_email('aaaaaaaa-8888-4000-8000-000000000899')$$, '22023', null,
                 'an e-mail without an address is not approved through the RPC either');
select throws_ok($$select approve_outreach_email('bbbbbbbb-8888-4000-8000-000000000801')$$, 'PT404',
                 'outreach e-mail bbbbbbbb-8888-4000-8000-000000000801 not found / e-mail de prospection bbbbbbbb-8888-4000-8000-000000000801 introuvable',
                 'A cannot approve B''s e-mail: 404, as for a missing one');
select throws_ok($$select reject_outreach_email('bbbbbbbb-8888-4000-8000-000000000801')$$, 'PT404', null,
                 'A cannot reject B''s e-mail');
select throws_ok($$update outreach_emails set status = 'approved' where id = 'aaaaaaaa-8888-4000-8000-000000000899'$$,
                 '42501', null, 'a client cannot update e-mails directly');

select tests.authenticate_as('authenticated', '{"client_id": "bbbbbbbb-0000-4000-8000-000000000810"}');
select is((select status from outreach_emails where id = 'bbbbbbbb-8888-4000-8000-000000000801'), 'pending',
          'B''s e-mail is untouched');
-- The bulk RPCs from the other tenant's side: one of A's ids among B's own refuses the whole call.
select throws_ok($$select approve_outreach_emails(array['bbbbbbbb-8888-4000-8000-000000000802',
                                                        'aaaaaaaa-8888-4000-8000-000000000820']::uuid[])$$, 'PT404',
                 'outreach e-mail aaaaaaaa-8888-4000-8000-000000000820 not found / e-mail de prospection aaaaaaaa-8888-4000-8000-000000000820 introuvable',
                 'B cannot approve A''s e-mails in bulk: 404, as for a missing one');
select throws_ok($$select reject_outreach_emails(array['aaaaaaaa-8888-4000-8000-000000000821']::uuid[], 'no')$$, 'PT404',
                 null, 'nor reject them');
select is((select status from outreach_emails where id = 'bbbbbbbb-8888-4000-8000-000000000802'), 'pending',
          'and nothing was written, not even B''s own e-mail');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000810", "email": "a@810.localhost"}');
select is((select string_agg(status, ',' order by id) from outreach_emails
            where id in ('aaaaaaaa-8888-4000-8000-000000000820', 'aaaaaaaa-8888-4000-8000-000000000821')),
          'pending,pending', 'A''s e-mails are untouched by B''s calls');
select is(approve_outreach_emails(array['aaaaaaaa-8888-4000-8000-000000000820', 'aaaaaaaa-8888-4000-8000-000000000821',
                                        'aaaaaaaa-8888-4000-8000-000000000821']::uuid[]) ->> 'approved', '2',
          'A approves two of its e-mails at once (an id given twice counts once)');
select is((select string_agg(status || ' ' || (approved_at is not null) || ' ' || (metadata ->> 'approved_by'), ',')
             from outreach_emails where id in ('aaaaaaaa-8888-4000-8000-000000000820', 'aaaaaaaa-8888-4000-8000-000000000821')),
          'approved true a@810.localhost,approved true a@810.localhost', 'each approved, stamped, with who approved it');
select throws_ok($$select reject_outreach_emails(array['aaaaaaaa-8888-4000-8000-000000000822',
                                                       'aaaaaaaa-8888-4000-8000-000000000820']::uuid[])$$, 'PT409', null,
                 'one e-mail that is not pending refuses the whole list');
select throws_ok($$select approve_outreach_emails(array['aaaaaaaa-8888-4000-8000-000000000823',
                                                        'aaaaaaaa-8888-4000-8000-000000000899']::uuid[])$$, '22023', null,
                 'as does one without an address');
select is((select string_agg(status, ',' order by id) from outreach_emails
            where id in ('aaaaaaaa-8888-4000-8000-000000000822', 'aaaaaaaa-8888-4000-8000-000000000823')),
          'pending,pending', 'the refused lists wrote nothing');
select is(reject_outreach_emails(array['aaaaaaaa-8888-4000-8000-000000000822']::uuid[], 'duplicate') #>> '{emails,0,status}',
          'rejected', 'A rejects in bulk, with a reason');
select throws_ok($$select approve_outreach_emails('{}')$$, '22023', null, 'an empty list is refused');
select throws_ok($$select approve_outreach_emails((select array_agg(gen_random_uuid()) from generate_series(1, 501)))$$,
                 '22023', null, 'more than 500 ids are refused (bounded work)');

select tests.authenticate_as('anon');
select throws_ok($$select approve_outreach_email('aaaaaaaa-8888-4000-8000-000000000801')$$, '42501', null,
                 'anon cannot approve');
select throws_ok($$select approve_outreach_emails(array['aaaaaaaa-8888-4000-8000-000000000823']::uuid[])$$, '42501', null,
                 'nor in bulk');

select * from finish();
rollback;
