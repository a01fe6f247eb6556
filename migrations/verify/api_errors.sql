-- Verify avenir:api_errors on pg
do $$
begin
  if to_regprocedure('private.api_error(text, text, text, text, integer)') is null then
    raise exception 'function private.api_error(text, text, text, text, integer) is missing';
  end if;
  if to_regprocedure('private.request_client_id()') is null then
    raise exception 'function private.request_client_id() is missing';
  end if;
end
$$;
