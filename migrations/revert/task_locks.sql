-- Revert avenir:task_locks from pg
begin;
drop function if exists private.try_task_lock(text);
commit;
