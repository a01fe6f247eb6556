-- The tracking service's statements (avenir.tracking.app). Every connection runs as anon: the
-- token functions are security definer and granted to anon, nothing else is needed.
--
-- Each call is one statement (one round trip in autocommit): the innermost subquery sets
-- request.headers (the caller's address and user agent, as the gateway sets them), the call runs
-- on its one row, and the outer query reads the answer's headers (Retry-After of a PT429). OFFSET 0
-- keeps each level a subquery of its own, so they run in that order.

-- name: set_role
set role anon

-- name: track_open
select r.answer, pg_catalog.current_setting('response.headers', true) as headers
  from (select public.track_open(%(t)s, %(user_agent)s) as answer
          from (select pg_catalog.set_config('request.headers', %(headers)s, true) offset 0) as request
        offset 0) as r

-- name: track_click
select r.answer, pg_catalog.current_setting('response.headers', true) as headers
  from (select public.track_click(%(t)s, %(l)s) as answer
          from (select pg_catalog.set_config('request.headers', %(headers)s, true) offset 0) as request
        offset 0) as r

-- name: unsubscribe
select r.answer, pg_catalog.current_setting('response.headers', true) as headers
  from (select public.unsubscribe_outreach(%(t)s) as answer
          from (select pg_catalog.set_config('request.headers', %(headers)s, true) offset 0) as request
        offset 0) as r
