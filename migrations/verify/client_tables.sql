-- Verify avenir:client_tables on pg
\set tables 'clients'
\ir lib/secured_tables.sql
do $$
begin
  if has_column_privilege('authenticated', 'public.clients', 'password_hash', 'select')
     or has_column_privilege('authenticated', 'public.clients', 'api_key_hash', 'select') then
    raise exception 'authenticated must not read the credential hashes of clients';
  end if;
end
$$;
