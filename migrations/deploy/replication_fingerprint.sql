-- Deploy avenir:replication_fingerprint to pg
-- requires: base_schemas
begin;
\ir ../../functions/replication.sql
commit;
