-- Shared by the <area>_tables verify scripts: every table named in the psql variable `tables`
-- (comma-separated) exists, enables and forces row-level security, and is not writable by anon.
select set_config('avenir.verify_tables', :'tables', false) \g /dev/null
do $$
declare
  t text;
begin
  foreach t in array string_to_array(current_setting('avenir.verify_tables'), ',') loop
    if to_regclass('public.' || t) is null then
      raise exception 'table public.% is missing', t;
    end if;
    if not (select relrowsecurity and relforcerowsecurity from pg_class where oid = to_regclass('public.' || t)) then
      raise exception 'public.% must enable and force row level security', t;
    end if;
    if has_table_privilege('anon', 'public.' || t, 'insert')
       or has_table_privilege('anon', 'public.' || t, 'update')
       or has_table_privilege('anon', 'public.' || t, 'delete') then
      raise exception 'anon must not write public.%', t;
    end if;
  end loop;
end
$$;
