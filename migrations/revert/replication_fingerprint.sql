-- Revert avenir:replication_fingerprint from pg
begin;
drop function if exists private.schema_fingerprint();
commit;
