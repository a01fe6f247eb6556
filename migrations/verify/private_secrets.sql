-- Verify avenir:private_secrets on pg
do $$
begin
  if to_regclass('private.secrets') is null then
    raise exception 'private.secrets is missing';
  end if;
  if has_table_privilege('service_role', 'private.secrets', 'select')
     or has_table_privilege('authenticated', 'private.secrets', 'select')
     or has_table_privilege('anon', 'private.secrets', 'select') then
    raise exception 'private.secrets must not be readable by an API role';
  end if;
end
$$;
