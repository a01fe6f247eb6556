-- Verify avenir:task_locks on pg
\set functions 'private.try_task_lock(text)'
\ir lib/closed_functions.sql
