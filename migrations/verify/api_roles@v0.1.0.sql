-- Verify avenir:api_roles on pg
do $$
begin
  if (select count(*) from pg_roles
      where rolname in ('anon', 'authenticated', 'service_role', 'authenticator')) <> 4 then
    raise exception 'an API role is missing';
  end if;
  if not (select rolbypassrls from pg_roles where rolname = 'service_role') then
    raise exception 'service_role must bypass RLS';
  end if;
  if not (select rolcanlogin and not rolinherit from pg_roles where rolname = 'authenticator') then
    raise exception 'authenticator must be LOGIN NOINHERIT';
  end if;
  if not (pg_has_role('authenticator', 'anon', 'member')
          and pg_has_role('authenticator', 'authenticated', 'member')
          and pg_has_role('authenticator', 'service_role', 'member')) then
    raise exception 'authenticator must be a member of anon, authenticated and service_role';
  end if;
end
$$;
