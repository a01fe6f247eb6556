-- Who may call what: every RPC of the accounts and lead pipeline against every API persona, and
-- no private helper reachable by anon or authenticated.
begin;
select plan(6);

create temp table expected (fn text, anon boolean, authenticated boolean, service_role boolean) on commit drop;
insert into expected values
  ('public.create_client(text,text,text,text,text,text,boolean,boolean,boolean)', false, false, true),
  ('public.login(text,text)', true, true, true),
  ('public.rotate_api_key()', false, true, false),
  ('public.submit_lead(text,text,text,text,text)', true, true, true),
  ('public.tag_lead(uuid,text,text)', false, true, false),
  ('public.archive_lead(uuid)', false, true, false),
  ('public.delete_lead(uuid)', false, true, false),
  ('public.reactivate_lead(uuid)', false, true, false),
  ('public.add_lead_note(uuid,text)', false, true, false),
  ('public.update_lead_note(uuid,text)', false, true, false),
  ('public.delete_lead_note(uuid)', false, true, false);

select is_empty($$
  select fn, r.role from expected e
  cross join lateral (values ('anon', e.anon), ('authenticated', e.authenticated), ('service_role', e.service_role)) r(role, allowed)
  where has_function_privilege(r.role, e.fn::regprocedure, 'execute') is distinct from r.allowed
$$, 'each RPC is executable by exactly the personas that need it');

select is_empty($$
  select e.fn from expected e join pg_proc p on p.oid = e.fn::regprocedure
  where p.prorettype <> 'jsonb'::regtype or p.proretset
$$, 'every RPC returns one jsonb object, never a set');

select is_empty($$
  select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where n.nspname = 'private'
    and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
    -- clients.email's CHECK calls it, and a client updates its own settings row (authenticated).
    and p.oid <> 'private.is_email_address(text)'::regprocedure
$$, 'no private helper is executable by anon or authenticated (but the e-mail rule, for the CHECK)');

select ok(not has_function_privilege('anon', 'private.is_email_address(text)', 'execute'),
          'anon may not call the e-mail rule (it writes no table directly)');

select is_empty($$
  select e.fn from expected e join pg_proc p on p.oid = e.fn::regprocedure
  where obj_description(p.oid, 'pg_proc') is null
$$, 'every RPC has a COMMENT (shown in the OpenAPI description)');

select is((select array_agg(privilege_type::text order by privilege_type) from information_schema.role_table_grants
            where table_schema = 'public' and table_name = 'lead_journal' and grantee = 'authenticated'),
          array['SELECT'], 'authenticated may only read the journal view');

select * from finish();
rollback;
