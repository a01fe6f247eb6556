-- Verify avenir:drop_service_role_policies on pg
do $$
begin
  if exists (select from pg_policies where schemaname in ('public', 'private') and 'service_role' = any (roles)) then
    raise exception 'a policy still names service_role (it bypasses RLS: such a policy is dead)';
  end if;
end
$$;
