-- Deploy avenir:performance_metrics_replication to pg
-- requires: intelligence_tables
begin;
\ir ../../db/performance_metrics_replication.sql
commit;
