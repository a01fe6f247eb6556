-- Revert avenir:shared_triggers from pg
begin;
drop function if exists private.tg__inherit_is_test();
drop function if exists private.tg__set_updated_at();
commit;
