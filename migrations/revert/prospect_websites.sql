-- Revert avenir:prospect_websites from pg
begin;
drop function if exists private.prospect_language(text);
drop function if exists public.canonical_website(text);
drop function if exists private.canonical_websites(text[]);
drop function if exists private.punycode_label(text);
drop function if exists private.punycode_adapt(integer, integer, boolean);
drop function if exists private.punycode_digit(integer);
commit;
