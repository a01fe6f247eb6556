-- Revert avenir:client_accounts to its @v0.1.0 definition
-- (the frozen deploy script; add above it the drops of anything the reworked change adds).
drop function if exists private.login_refused(text, text, timestamptz);
\ir ../deploy/client_accounts@v0.1.0.sql
