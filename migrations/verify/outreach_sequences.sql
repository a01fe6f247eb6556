-- Verify avenir:outreach_sequences on pg
\set functions 'public.schedule_follow_ups(timestamptz)'
\ir lib/closed_functions.sql
