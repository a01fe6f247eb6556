-- Who may call the prospect functions: service_role only; none of them is reachable by anon or
-- authenticated, every one returns one jsonb object (or a scalar for helpers) and has a comment.
begin;
select plan(4);

create temp table expected (fn text, returns_jsonb boolean) on commit drop;
insert into expected values
  ('public.score_prospects()', true),
  ('public.match_prospects(extensions.vector,integer,jsonb)', true),
  ('public.similar_prospects_to_profile(integer,jsonb)', true),
  ('public.build_daily_prospect_queue(integer)', true),
  ('public.record_form_test_submission(uuid,timestamp with time zone,jsonb)', true),
  ('public.record_form_test_response(uuid,timestamp with time zone,jsonb,text,text,text)', true),
  ('public.expire_form_tests(interval)', false),
  ('public.canonical_website(text)', false),
  ('public.prospect_filter_index_plan()', false);

select is_empty($$
  select fn, r.role from expected e
  cross join lateral (values ('anon', false), ('authenticated', false), ('service_role', true)) r (role, allowed)
  where has_function_privilege(r.role, e.fn::regprocedure, 'execute') is distinct from r.allowed
$$, 'each prospect function is executable by service_role only');

select is_empty($$
  select e.fn from expected e join pg_proc p on p.oid = e.fn::regprocedure
  where e.returns_jsonb and (p.prorettype <> 'jsonb'::regtype or p.proretset)
$$, 'every prospect RPC returns one jsonb object, never a set');

select is_empty($$
  select e.fn from expected e join pg_proc p on p.oid = e.fn::regprocedure
  where obj_description(p.oid, 'pg_proc') is null
$$, 'every prospect function has a COMMENT');

select is_empty($$
  select c.oid::regclass::text from pg_class c
   where c.oid in ('private.website_suffixes'::regclass, 'private.prospect_domains'::regclass)
     and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('authenticated', c.oid, 'select'))
$$, 'the domain tables are not readable by API clients');

select * from finish();
rollback;
