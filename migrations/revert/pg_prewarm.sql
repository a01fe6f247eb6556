-- Revert avenir:pg_prewarm from pg
begin;
drop extension if exists pg_prewarm;
commit;
