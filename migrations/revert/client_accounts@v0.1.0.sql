-- Revert avenir:client_accounts from pg
begin;
drop function if exists public.rotate_api_key();
drop function if exists private.prune_login_attempts();
drop function if exists public.login(text, text);
drop function if exists private.sign_jwt(jsonb);
drop function if exists private.base64url(bytea);
drop function if exists public.create_client(text, text, text, text, text, text, boolean, boolean, boolean);
drop function if exists private.vocabulary(text);
drop function if exists private.canonical_term(text, text);
drop function if exists private.api_key_digest(text);
drop function if exists private.new_api_key();
commit;
