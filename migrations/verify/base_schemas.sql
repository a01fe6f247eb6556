-- Verify avenir:base_schemas on pg
do $$
begin
  if to_regnamespace('private') is null then
    raise exception 'schema private is missing';
  end if;
  if has_schema_privilege('anon', 'private', 'usage')
     or has_schema_privilege('authenticated', 'private', 'usage') then
    raise exception 'schema private must not be reachable by anon or authenticated';
  end if;
  if not has_schema_privilege('anon', 'public', 'usage') then
    raise exception 'anon must reach schema public';
  end if;
  if not exists (select from pg_default_acl where defaclobjtype = 'f' and defaclnamespace = 0) then
    raise exception 'default privileges must revoke execute on functions from public';
  end if;
end
$$;
