-- Revert avenir:outreach_sending from pg
begin;
drop function if exists public.finish_outreach_send(uuid, text, jsonb);
drop function if exists public.finish_outreach_sends(jsonb);
drop function if exists private.classify_bounce(text);
drop function if exists public.begin_outreach_sends(uuid, integer, text, text, text, uuid, integer);
drop function if exists public.begin_outreach_send(uuid, text, text, text, uuid, integer);
drop function if exists private.begin_outreach_batch(public.outreach_campaigns, uuid[], integer, jsonb, text, text, text,
                                                     uuid, integer, timestamptz);
drop function if exists private.outreach_send_room(public.outreach_campaigns, timestamptz);
drop function if exists private.outreach_throttle(uuid, interval, integer, timestamptz);
drop function if exists private.outreach_sequence_stop(uuid, uuid, text);
drop function if exists private.suppress_address(uuid, text, text, uuid, jsonb);
drop function if exists public.next_outreach_emails(uuid, integer);
drop trigger if exists outreach_campaigns_send_due on public.outreach_campaigns;
drop trigger if exists outreach_emails_send_due on public.outreach_emails;
drop function if exists private.tg__outreach_campaign_send_due();
drop function if exists private.tg__outreach_email_send_due();
drop function if exists public.enqueue_campaign_send(uuid);
drop function if exists public.queue_daily_outreach(integer, uuid);
drop function if exists public.queue_outreach_emails(uuid, jsonb);
drop function if exists private.new_tracking_token();
drop function if exists private.tracked_html(text, text, text);
drop function if exists private.html_unescape(text);
drop function if exists private.outreach_link_pattern();
drop table if exists private.outreach_suppressions;
drop table if exists private.outreach_sends;
alter table public.outreach_campaigns drop constraint if exists outreach_campaigns_send_limits_check;
alter table public.outreach_campaigns drop column if exists send_per_second, drop column if exists send_per_hour,
  drop column if exists send_concurrency;
commit;
