-- Revert avenir:lead_capture to its @v0.1.0 definition
-- (the frozen deploy script; add above it the drops of anything the reworked change adds).
drop function if exists private.submit_lead_error(text, text, text, text, integer);
drop function if exists private.log_form_call(uuid, text, text, text, text, text, integer, jsonb, jsonb);
\ir ../deploy/lead_capture@v0.1.0.sql
