-- Revert avenir:outreach_tracking from pg
begin;
drop function if exists public.record_outreach_reply(text, text, text, text, text, timestamptz, text);
drop function if exists public.record_bounce_report(text);
drop function if exists public.unsubscribe_outreach(text);
drop function if exists public.track_click(text, integer);
drop function if exists public.track_open(text, text);
drop function if exists private.tracking_refusal(private.outreach_sends);
drop function if exists private.unknown_tracking_link();
drop function if exists private.outreach_send_of_token(text);
drop function if exists public.record_tracking_event(uuid, text, timestamptz, jsonb);
drop function if exists private.advance_outreach_email(public.outreach_emails, text, timestamptz);
drop index if exists public.outreach_emails_thread_id_sent_at_idx;
drop index if exists public.outreach_tracking_provider_event_key;
drop function if exists private.machine_open_reason(text, double precision);
drop function if exists private.soft_bounce_threshold();
commit;
