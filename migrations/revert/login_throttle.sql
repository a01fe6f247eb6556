-- Revert avenir:login_throttle from pg
begin;
drop table if exists private.login_address_throttle;
commit;
