-- Verify avenir:replication_fingerprint on pg
do $$
declare
  parts text[];
begin
  select array_agg(k order by k) into parts from jsonb_object_keys(private.schema_fingerprint()) k;
  if parts is distinct from array['columns', 'constraints', 'functions', 'indexes', 'policies', 'security', 'triggers'] then
    raise exception 'private.schema_fingerprint() returned the parts %', parts;
  end if;
end
$$;
