-- Verify avenir:translation_tables on pg
do $$
declare
  t text;
begin
  foreach t in array array['translation_cache', 'translation_dictionary'] loop
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
