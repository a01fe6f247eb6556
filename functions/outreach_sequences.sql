-- Follow-up sequences (issue 15, item 6). A campaign's follow_up_schedule, e.g.
--   [{"sequence": 2, "after_days": 3}, {"sequence": 3, "after_days": 7, "template_id": "..."}]
-- creates, after_days after the first e-mail was sent, a pending follow-up with that
-- follow_up_sequence (rendered from the step's template, else the campaign's, with the first
-- e-mail's variables). Follow-ups are approved like any e-mail and sent in the same thread.
-- A sequence stops (no new follow-up, and none still unsent goes out) once the prospect replied,
-- clicked a booking link (the client's booking_link or the campaign's metadata.booking_url),
-- bounced or unsubscribed (its address suppressed).

-- The stop rule (private.outreach_sequence_stop) lives with the sender (functions/outreach_sending.sql):
-- begin_outreach_send checks it before every follow-up.

create or replace function public.schedule_follow_ups(at timestamptz default now())
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  step record;
  rendered jsonb;
  created integer := 0;
  stopped integer := 0;
  failed jsonb := '[]'::jsonb;
  why text;
begin
  for step in
    select c.id as campaign_id, c.client_id, c.email_template_id, first.id as first_id, first.prospect_id,
           first.prospect_email, first.prospect_name, first.company_name, first.website, first.subject,
           first.metadata, (s.value ->> 'sequence')::integer as sequence,
           nullif(s.value ->> 'template_id', '')::uuid as template_id
      from public.outreach_campaigns c
      cross join lateral jsonb_array_elements(c.follow_up_schedule) s (value)
      join public.outreach_emails first on first.client_id = c.client_id and first.campaign_id = c.id
     where c.status = 'active'
       and jsonb_typeof(s.value) = 'object'
       and (s.value ->> 'sequence') ~ '^[0-9]{1,3}$' and (s.value ->> 'sequence')::integer >= 2
       and (s.value ->> 'after_days') ~ '^[0-9]{1,4}(\.[0-9]+)?$'
       and first.follow_up_sequence = 1 and first.sent_at is not null
       and first.sent_at + (s.value ->> 'after_days')::numeric * interval '1 day' <= at
       and not exists (select from public.outreach_emails f where f.client_id = c.client_id and f.campaign_id = c.id
                          and f.prospect_email = first.prospect_email
                          and f.follow_up_sequence = (s.value ->> 'sequence')::integer)
     order by c.id, first.id, (s.value ->> 'sequence')::integer
  loop
    why := private.outreach_sequence_stop(step.client_id, step.campaign_id, step.prospect_email);
    if why is not null then
      stopped := stopped + 1;
      continue;
    end if;
    begin
      rendered := public.render_template(coalesce(step.template_id, step.email_template_id),
                                         coalesce(step.metadata -> 'vars', '{}'::jsonb));
    exception when invalid_parameter_value or sqlstate 'PT404' then
      get stacked diagnostics why = message_text;
      failed := failed || jsonb_build_object('email_id', step.first_id, 'sequence', step.sequence, 'reason', why);
      continue;
    end;
    insert into public.outreach_emails (client_id, campaign_id, prospect_id, prospect_email, prospect_name, company_name,
                                        website, template_id, subject, content, follow_up_sequence, metadata)
    values (step.client_id, step.campaign_id, step.prospect_id, step.prospect_email, step.prospect_name,
            step.company_name, step.website, (rendered ->> 'template_id')::uuid,
            case when step.template_id is null then 'Re: ' || step.subject else rendered ->> 'subject' end,
            coalesce(rendered ->> 'html', rendered ->> 'text'), step.sequence,
            jsonb_strip_nulls(jsonb_build_object('text', rendered ->> 'text', 'language', rendered ->> 'language',
                                                 'vars', step.metadata -> 'vars', 'follows', step.first_id)));
    created := created + 1;
  end loop;
  return jsonb_build_object('created', created, 'stopped', stopped, 'failed', failed);
end
$$;
comment on function public.schedule_follow_ups(timestamptz) is
  'Create the due follow-ups of active campaigns'' follow_up_schedule (pending, follow_up_sequence 2, 3, ...), '
  'unless the sequence stopped (reply, booking click, bounce, unsubscribe). Idempotent. service_role; scheduled '
  'hourly as avenir-outreach-follow-ups.';
revoke execute on function public.schedule_follow_ups(timestamptz) from public, anon, authenticated;
grant execute on function public.schedule_follow_ups(timestamptz) to service_role;
