-- Revert avenir:prospect_domains from pg
begin;
drop table if exists private.prospect_domains;
drop table if exists private.website_suffixes;
commit;
