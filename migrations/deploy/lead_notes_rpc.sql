-- Deploy avenir:lead_notes_rpc to pg
-- requires: lead_lifecycle
begin;
\ir ../../functions/lead_notes.sql
commit;
