-- The personalised reply of a lead (issue 12, email_response job). service_role only: the
-- worker calls these; nothing here is for API clients. Invoker rights (service_role bypasses RLS).
--
-- At most once per lead. The worker (a) calls begin_lead_reply in its own committed transaction
-- BEFORE the message leaves, (b) sends, (c) calls finish_lead_reply in the transaction that
-- completes the job. A job retried after a crash between (a) and (c) gets action 'check': the
-- message may have left. Its Message-ID is derived from the lead, so a sender that can look a
-- message up by Message-ID (Gmail, the file sink) tells 'sent' from 'not sent'; one that cannot
-- (SMTP, the log sink) records 'uncertain' and never sends again: a missing reply is better
-- than a duplicate, and the row tells the operator which leads to check.

create or replace function public.enqueue_lead_reply(lead_id uuid)
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  lead record;
  job_id uuid;
begin
  select l.id, l.client_id, l.email, l.deleted, c.ai_personalized_reply
    into lead
    from public.lead_memory l join public.clients c on c.client_id = l.client_id
   where l.id = lead_id;
  if not found then
    return jsonb_build_object('enqueued', false, 'reason', 'lead not found');
  end if;
  if not lead.ai_personalized_reply then
    return jsonb_build_object('enqueued', false, 'reason', 'client has ai_personalized_reply off');
  end if;
  if lead.deleted or coalesce(btrim(lead.email), '') = '' then
    return jsonb_build_object('enqueued', false, 'reason', 'lead deleted or without e-mail');
  end if;
  if exists (select 1 from private.lead_replies r where r.lead_id = lead.id) then
    return jsonb_build_object('enqueued', false, 'reason', 'reply already handled');
  end if;
  job_id := public.enqueue_job('email_response', jsonb_build_object('lead_id', lead.id, 'client_id', lead.client_id),
                               dedup_key => 'email_response:' || lead.id);
  return jsonb_build_object('enqueued', true, 'job_id', job_id);
end
$$;
comment on function public.enqueue_lead_reply(uuid) is
  'Queue the email_response job of a lead when its client has ai_personalized_reply on (service_role; called by '
  'the enrichment handler in the transaction that records the analysis). One job per lead (dedup_key).';
revoke execute on function public.enqueue_lead_reply(uuid) from public, anon, authenticated;
grant execute on function public.enqueue_lead_reply(uuid) to service_role;

create or replace function public.begin_lead_reply(lead_id uuid, message_id text, sender text)
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  reply private.lead_replies;
  owner uuid;
begin
  select l.client_id into owner from public.lead_memory l where l.id = lead_id;
  if owner is null then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('lead %s does not exist', lead_id),
      hint = 'Pass the id of a lead of lead_memory.';
  end if;
  insert into private.lead_replies as r (lead_id, client_id, message_id, sender)
  values (lead_id, owner, message_id, sender)
  on conflict on constraint lead_replies_pkey do nothing
  returning * into reply;
  if found then
    return jsonb_build_object('action', 'send', 'message_id', reply.message_id);
  end if;
  select * into reply from private.lead_replies r where r.lead_id = lead_id for update;
  if reply.status = 'released' then
    update private.lead_replies r set status = 'sending', attempts = r.attempts + 1, sender = begin_lead_reply.sender
     where r.lead_id = lead_id;
    return jsonb_build_object('action', 'send', 'message_id', reply.message_id);
  end if;
  if reply.status = 'sending' then
    -- A previous attempt began the send and never finished: the message may have left.
    update private.lead_replies r set attempts = r.attempts + 1 where r.lead_id = lead_id;
    return jsonb_build_object('action', 'check', 'message_id', reply.message_id, 'sender', reply.sender);
  end if;
  return jsonb_build_object('action', 'done', 'message_id', reply.message_id, 'status', reply.status);
end
$$;
comment on function public.begin_lead_reply(uuid, text, text) is
  'Write the idempotency record of a lead''s reply before it is sent (service_role, own transaction). Returns '
  'action send (first time, or after a release), check (an earlier attempt may have sent it) or done.';
revoke execute on function public.begin_lead_reply(uuid, text, text) from public, anon, authenticated;
grant execute on function public.begin_lead_reply(uuid, text, text) to service_role;

create or replace function public.finish_lead_reply(lead_id uuid, status text, details jsonb default '{}')
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  reply private.lead_replies;
begin
  if status not in ('sent', 'failed', 'uncertain', 'released') then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('reply status %L is not a final status', status),
      hint = 'Use sent, failed, uncertain or released.';
  end if;
  update private.lead_replies r
     set status = finish_lead_reply.status,
         language = coalesce(details ->> 'language', r.language),
         tone = coalesce(details ->> 'tone', r.tone),
         subject = coalesce(details ->> 'subject', r.subject),
         thread_id = coalesce(details ->> 'thread_id', r.thread_id),
         gmail_message_id = coalesce(details ->> 'gmail_message_id', r.gmail_message_id),
         error = left(details ->> 'error', 2000),
         sent_at = case when finish_lead_reply.status = 'sent' then now() end
   where r.lead_id = lead_id and r.status = 'sending'
  returning * into reply;
  if not found then
    return jsonb_build_object('applied', false, 'reason', 'no reply being sent for this lead');
  end if;
  if status in ('sent', 'failed') then
    insert into public.performance_metrics (event_type, metric_name, metric_value, metric_unit, response_time_ms,
                                            error_count, source_component, client_id, metadata)
    values ('email_response', 'success_rate', case when status = 'sent' then 1 else 0 end, 'count',
            (details ->> 'response_time_ms')::integer, case when status = 'sent' then 0 else 1 end, 'ai_worker',
            reply.client_id, jsonb_build_object('lead_id', reply.lead_id, 'message_id', reply.message_id,
                                                'sender', reply.sender, 'status', status,
                                                'renderer', details ->> 'renderer'));
  end if;
  return jsonb_build_object('applied', true, 'status', status, 'message_id', reply.message_id);
end
$$;
comment on function public.finish_lead_reply(uuid, text, jsonb) is
  'Close a lead''s reply record (service_role, in the transaction that completes the job): sent (with the Gmail '
  'thread_id / gmail_message_id when known), failed (the server''s reason), uncertain, or released (not sent: a '
  'retry may send). Records the email_response metric of a sent or failed reply.';
revoke execute on function public.finish_lead_reply(uuid, text, jsonb) from public, anon, authenticated;
grant execute on function public.finish_lead_reply(uuid, text, jsonb) to service_role;
