-- Verify avenir:outreach_tracking on pg
\set functions 'public.record_outreach_reply(text, text, text, text, text, timestamptz, text);public.record_bounce_report(text);public.record_tracking_event(uuid, text, timestamptz, jsonb);private.advance_outreach_email(public.outreach_emails, text, timestamptz);private.outreach_send_of_token(text)'
\ir lib/closed_functions.sql
do $$
declare
  fn text;
begin
  foreach fn in array array['public.track_open(text, text)', 'public.track_click(text, integer)',
                            'public.unsubscribe_outreach(text)'] loop
    if not has_function_privilege('anon', fn, 'execute') then
      raise exception 'the tracking endpoint % must be callable by anon', fn;
    end if;
  end loop;
  if to_regclass('public.outreach_tracking_provider_event_key') is null
     or to_regclass('public.outreach_emails_thread_id_sent_at_idx') is null then
    raise exception 'the provider event index or the thread index is missing';
  end if;
end
$$;
