-- Deploy avenir:lead_capture_index to pg
-- requires: lead_tables
begin;
\ir ../../db/lead_capture.sql
commit;
