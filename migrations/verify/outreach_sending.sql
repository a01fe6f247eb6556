-- Verify avenir:outreach_sending on pg
\set functions 'public.queue_outreach_emails(uuid, jsonb);public.queue_daily_outreach(integer, uuid);public.enqueue_campaign_send(uuid);public.next_outreach_emails(uuid, integer);public.begin_outreach_send(uuid, text, text, text, uuid, integer);public.finish_outreach_send(uuid, text, jsonb);public.begin_outreach_sends(uuid, integer, text, text, text, uuid, integer);public.finish_outreach_sends(jsonb)'
\ir lib/closed_functions.sql
do $$
declare
  t text;
begin
  foreach t in array array['private.outreach_sends', 'private.outreach_suppressions'] loop
    if to_regclass(t) is null then
      raise exception '% is missing', t;
    end if;
    if not (select relrowsecurity and relforcerowsecurity from pg_class where oid = to_regclass(t)) then
      raise exception '% must enable and force row level security', t;
    end if;
    if has_table_privilege('authenticated', t, 'select') then
      raise exception '% must not be readable by clients', t;
    end if;
  end loop;
  perform send_per_second, send_per_hour, send_concurrency from public.outreach_campaigns where false;
end
$$;
