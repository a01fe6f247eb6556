-- Verify avenir:shared_triggers on pg
do $$
begin
  if to_regprocedure('private.tg__set_updated_at()') is null or to_regprocedure('private.tg__inherit_is_test()') is null then
    raise exception 'shared trigger functions are missing';
  end if;
end
$$;
