-- Revert avenir:lead_reply_tables from pg
begin;
drop table if exists private.lead_replies;
commit;
