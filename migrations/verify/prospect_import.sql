-- Verify avenir:prospect_import on pg
do $$
begin
  if to_regprocedure('private.merge_prospect_import(text, date)') is null
     or to_regprocedure('private.begin_prospect_import()') is null then
    raise exception 'the prospect import functions are missing';
  end if;
end
$$;
