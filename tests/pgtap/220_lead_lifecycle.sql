-- Lead lifecycle: tag_lead (bilingual tags, conversion, reversion), archive / delete / reactivate;
-- each writes its lead_actions row; another tenant's lead is "not found"; every persona.
begin;
select plan(37);

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

create function tests.actions_of(lead uuid) returns text[] language sql security definer as $$
  select array(select action_type || coalesce(':' || tag, '') || case when conversion_outcome then '!' else '' end
                 from public.lead_actions where lead_id = lead order by "timestamp")
$$;
grant execute on function tests.actions_of(uuid) to public;

-- Tenant A tags its lead: English or French, canonical English stored.
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001", "email": "a@tenant-a.test"}');
select tag_lead('aaaaaaaa-1111-4000-8000-000000000001', 'Lead Chaud') as tagged \gset
select is(:'tagged'::jsonb ->> 'tag', 'Hot Lead', 'a French tag label is accepted and returned in English');
select is((select current_tag from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000001'), 'Hot Lead',
          'current_tag stores the canonical English tag');
select is((select row(action_type, tag, conversion_outcome, performed_by)::text from lead_actions
            where lead_id = 'aaaaaaaa-1111-4000-8000-000000000001' and action_type = 'tagged'),
          row('tagged', 'Hot Lead', false, 'a@tenant-a.test')::text, 'a tagged action is written, performed by the session''s e-mail');
select is(tag_lead('aaaaaaaa-1111-4000-8000-000000000001', ' warm lead ') ->> 'tag', 'Warm Lead',
          'English tags are accepted in any case and with spaces around');
select throws_ok($$select tag_lead('aaaaaaaa-1111-4000-8000-000000000001', 'Lukewarm')$$, '22023',
                 'tag ''Lukewarm'' is not a known tag / étiquette ''Lukewarm'' inconnue', 'an unknown tag is refused');
select throws_ok($$select tag_lead('aaaaaaaa-1111-4000-8000-000000000001', '')$$, '22023', null, 'an empty tag is refused');

-- Conversion, and its reversion only with a reason.
select is(tag_lead('aaaaaaaa-1111-4000-8000-000000000001', 'Converti') ->> 'conversion_outcome', 'true',
          'tagging Converti (Converted) reports the conversion');
select is((select conversion_outcome from lead_actions where lead_id = 'aaaaaaaa-1111-4000-8000-000000000001'
            and tag = 'Converted'), true, 'the Converted action records conversion_outcome = true');
select throws_ok($$select tag_lead('aaaaaaaa-1111-4000-8000-000000000001', 'Cold Lead')$$, '22023',
                 'lead aaaaaaaa-1111-4000-8000-000000000001 is converted: changing its tag needs a reversion_reason',
                 're-tagging a converted lead without a reason is refused');
select throws_ok($$select tag_lead('aaaaaaaa-1111-4000-8000-000000000001', 'Cold Lead', '   ')$$, '22023', null,
                 'a blank reason counts as none');
select throws_ok($$select tag_lead('aaaaaaaa-1111-4000-8000-000000000001', 'Cold Lead', repeat('r', 1001))$$, '22023',
                 'reversion_reason must be at most 1000 characters', 'a reason over 1000 characters is refused');
select is((select current_tag from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000001'), 'Converted',
          'refused re-tags left the lead converted');
select is(tag_lead('aaaaaaaa-1111-4000-8000-000000000001', 'Cold Lead', 'Client cancelled the order') ->> 'reverted', 'true',
          'with a reason the converted lead is re-tagged');
select is((select reversion_reason from lead_actions where lead_id = 'aaaaaaaa-1111-4000-8000-000000000001'
            and tag = 'Cold Lead'), 'Client cancelled the order', 'the reversion reason is recorded');
select is(tag_lead('aaaaaaaa-1111-4000-8000-000000000001', null) ->> 'tag', null, 'a null tag removes the tag');
select is((select current_tag from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000001'), null,
          'the lead has no tag any more');

-- Archive, delete (soft), reactivate.
select is(archive_lead('aaaaaaaa-1111-4000-8000-000000000001') - 'lead_id',
          '{"archived": true, "deleted": false, "changed": true}'::jsonb, 'archive_lead archives');
select is(archive_lead('aaaaaaaa-1111-4000-8000-000000000001') ->> 'changed', 'false', 'archiving again changes nothing');
select is(delete_lead('aaaaaaaa-1111-4000-8000-000000000001') ->> 'deleted', 'true', 'delete_lead marks the lead deleted');
select is((select count(*)::int from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000001'), 1,
          'a deleted lead is kept (soft delete)');
select is(reactivate_lead('aaaaaaaa-1111-4000-8000-000000000001') - 'lead_id',
          '{"archived": false, "deleted": false, "changed": true}'::jsonb, 'reactivate_lead undoes archive and delete');
select tests.clear_authentication();
select is(tests.actions_of('aaaaaaaa-1111-4000-8000-000000000001'),
          array['tagged:Hot Lead', 'tagged:Warm Lead', 'tagged:Converted!', 'tagged:Cold Lead', 'untagged',
                'archived', 'archived', 'deleted', 'reactivated'],
          'every successful call wrote its action, in order; refused calls wrote none');

-- Tenant B acting on A's lead, or anyone on a missing lead: the same not-found.
select tests.authenticate_as('authenticated', '{"client_id": "bbbbbbbb-0000-4000-8000-000000000002"}');
select throws_ok($$select tag_lead('aaaaaaaa-1111-4000-8000-000000000001', 'Spam')$$, 'PT404',
                 'lead aaaaaaaa-1111-4000-8000-000000000001 not found', 'B cannot tag A''s lead: not found');
select throws_ok($$select tag_lead('cccccccc-1111-4000-8000-000000000009', 'Spam')$$, 'PT404',
                 'lead cccccccc-1111-4000-8000-000000000009 not found', 'a missing lead fails the same way');
select throws_ok($$select archive_lead('aaaaaaaa-1111-4000-8000-000000000001')$$, 'PT404', null, 'B cannot archive A''s lead');
select throws_ok($$select delete_lead('aaaaaaaa-1111-4000-8000-000000000001')$$, 'PT404', null, 'B cannot delete A''s lead');
select throws_ok($$select reactivate_lead('aaaaaaaa-1111-4000-8000-000000000001')$$, 'PT404', null, 'B cannot reactivate A''s lead');
select throws_ok($$select tag_lead(null, 'Spam')$$, 'PT404', null, 'a null lead id is not found');
select ok(tag_lead('bbbbbbbb-1111-4000-8000-000000000002', 'Spam') ? 'lead_id', 'B tags its own lead');
select tests.clear_authentication();
select is((select row(current_tag, archived, deleted)::text from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000001'),
          row(null, false, false)::text, 'B''s attempts left A''s lead unchanged');
select is((select performed_by from lead_actions where lead_id = 'bbbbbbbb-1111-4000-8000-000000000002'), 'admin',
          'without an e-mail claim the action is performed by admin');
select is((select count(*)::int from lead_actions where lead_id = 'aaaaaaaa-1111-4000-8000-000000000001'
            and client_id = 'bbbbbbbb-0000-4000-8000-000000000002'), 0, 'no action of B points at A''s lead');

-- Other personas: anon and service_role may not call the client RPCs; no claim, no call.
select tests.authenticate_as('anon');
select throws_ok($$select tag_lead('aaaaaaaa-1111-4000-8000-000000000001', 'Spam')$$, '42501', null, 'anon cannot tag');
select throws_ok($$select archive_lead('aaaaaaaa-1111-4000-8000-000000000001')$$, '42501', null, 'anon cannot archive');
select tests.authenticate_as('service_role');
select throws_ok($$select delete_lead('aaaaaaaa-1111-4000-8000-000000000001')$$, '42501', null,
                 'service_role does not use the client RPCs (it writes the tables directly)');
select tests.authenticate_as('authenticated', '{"client_id": "not-a-uuid"}');
select throws_ok($$select reactivate_lead('aaaaaaaa-1111-4000-8000-000000000001')$$, '42501',
                 'this call needs a client''s session: the JWT has no valid client_id claim', 'a malformed client_id claim is refused');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001"}');
select throws_ok($$update lead_memory set current_tag = 'Spam'$$, '42501', null,
                 'authenticated cannot change a lead directly, only through the RPCs');

select * from finish();
rollback;
