-- Revert avenir:cron_schedules to its @v0.1.0 definition
-- (the frozen deploy script; add above it the drops of anything the reworked change adds).
\ir ../deploy/cron_schedules@v0.1.0.sql
