-- Revert avenir:lead_capture to its @v0.1.0 definition
-- (the frozen deploy script; add above it the drops of anything the reworked change adds).
\ir ../deploy/lead_capture@v0.1.0.sql
