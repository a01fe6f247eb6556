-- Verify avenir:auth_shim on pg
do $$
begin
  if to_regprocedure('auth.jwt()') is null or to_regprocedure('auth.role()') is null
     or to_regprocedure('auth.uid()') is null then
    raise exception 'auth.jwt(), auth.role() and auth.uid() must exist';
  end if;
  if not has_function_privilege('authenticated', 'auth.jwt()', 'execute') then
    raise exception 'authenticated must be able to call auth.jwt()';
  end if;
end
$$;
