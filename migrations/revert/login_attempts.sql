-- Revert avenir:login_attempts from pg
begin;
drop table if exists private.login_attempts;
commit;
