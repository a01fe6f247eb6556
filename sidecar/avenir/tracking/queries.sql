-- The tracking service's statements (avenir.tracking.app). Every connection runs as anon: the
-- token functions are security definer and granted to anon, nothing else is needed.

-- name: set_role
set role anon

-- name: track_open
select public.track_open(%(t)s, %(user_agent)s) as answer

-- name: track_click
select public.track_click(%(t)s, %(l)s) as answer

-- name: unsubscribe
select public.unsubscribe_outreach(%(t)s) as answer
