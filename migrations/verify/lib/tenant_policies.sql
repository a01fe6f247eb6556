-- Shared by the <area>_policies verify scripts, for every table named in the psql variable
-- `tables` (comma-separated): a tenant table (a client_id column and a grant to authenticated)
-- has a policy for authenticated comparing client_id with the JWT's client_id claim, every policy
-- for anon or authenticated on a table with client_id is such a tenant policy, and no policy for
-- anon or authenticated is always true except a read of a table without client_id (reference data).
-- A table with no policy at all is deny-by-default for the API roles (service_role bypasses RLS).
select set_config('avenir.verify_tables', :'tables', false) \g /dev/null
do $$
declare
  t text;
  offender text;
begin
  foreach t in array string_to_array(current_setting('avenir.verify_tables'), ',') loop
    if to_regclass('public.' || t) is null then
      raise exception 'table public.% is missing', t;
    end if;
    if exists (select from pg_attribute a
                where a.attrelid = to_regclass('public.' || t) and a.attname = 'client_id' and not a.attisdropped)
       and has_table_privilege('authenticated', 'public.' || t, 'select, insert, update, delete')
       and not exists (select from pg_policies p
                        where p.schemaname = 'public' and p.tablename = t and 'authenticated' = any (p.roles)
                          and coalesce(p.qual, p.with_check) ~ 'client_id = \(\(\(\s*SELECT auth\.jwt\(\)') then
      raise exception 'tenant table public.% has no policy for authenticated on the client_id claim', t;
    end if;
    select p.policyname into offender
      from pg_policies p
     where p.schemaname = 'public' and p.tablename = t and p.roles && array['anon', 'authenticated']::name[]
       and exists (select from pg_attribute a
                    where a.attrelid = to_regclass('public.' || t) and a.attname = 'client_id' and not a.attisdropped)
       and not (coalesce(p.qual, '') ~ 'client_id = \(\(\(\s*SELECT auth\.jwt\(\)'
                and coalesce(p.with_check, p.qual) ~ 'client_id = \(\(\(\s*SELECT auth\.jwt\(\)'
                or p.cmd = 'INSERT' and p.with_check ~ 'client_id = \(\(\(\s*SELECT auth\.jwt\(\)')
     limit 1;
    if offender is not null then
      raise exception 'policy % on tenant table public.% does not check the client_id claim', offender, t;
    end if;
    select p.policyname into offender
      from pg_policies p
     where p.schemaname = 'public' and p.tablename = t and p.roles && array['anon', 'authenticated']::name[]
       and coalesce(p.qual, 'true') = 'true' and coalesce(p.with_check, 'true') = 'true'
       and p.cmd <> 'SELECT'
     limit 1;
    if offender is not null then
      raise exception 'policy % on public.% lets anon/authenticated write any row (always true)', offender, t;
    end if;
  end loop;
end
$$;
