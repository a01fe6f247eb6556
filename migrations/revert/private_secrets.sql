-- Revert avenir:private_secrets from pg
begin;
drop table if exists private.secrets;
commit;
