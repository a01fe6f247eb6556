-- Verify avenir:learning_defaults on pg
\set functions 'private.growth_insights(jsonb);private.evaluate_ab_look(jsonb)'
\ir lib/closed_functions.sql
