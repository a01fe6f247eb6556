-- Revert avenir:learning_plpython from pg
-- Back to the plain-SQL forms.
begin;
\ir ../../functions/learning_defaults.sql
commit;
