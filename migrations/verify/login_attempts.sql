-- Verify avenir:login_attempts on pg
do $$
begin
  if to_regclass('private.login_attempts') is null then
    raise exception 'private.login_attempts is missing';
  end if;
end
$$;
