-- Deploy avenir:outreach_metrics to pg
-- requires: outreach_tracking
begin;
\ir ../../db/outreach_metrics.sql
\ir ../../functions/outreach_metrics.sql
commit;
