-- Verify avenir:login_throttle on pg
do $$
begin
  if to_regclass('private.login_address_throttle') is null then
    raise exception 'private.login_address_throttle is missing';
  end if;
  if has_table_privilege('anon', 'private.login_address_throttle', 'select') then
    raise exception 'anon must not read private.login_address_throttle';
  end if;
end
$$;
