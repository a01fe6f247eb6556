-- Revert avenir:gateway_hooks from pg
begin;
drop function if exists gateway_hooks.rejected_rpc(text, jsonb, integer, jsonb);
drop schema if exists gateway_hooks;
commit;
