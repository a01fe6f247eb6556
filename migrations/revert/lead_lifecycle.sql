-- Revert avenir:lead_lifecycle to its @v0.1.0 definition
-- (the frozen deploy script; add above it the drops of anything the reworked change adds).
\ir ../deploy/lead_lifecycle@v0.1.0.sql
