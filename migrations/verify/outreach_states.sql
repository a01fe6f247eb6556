-- Verify avenir:outreach_states on pg
\set functions 'public.approve_outreach_email(uuid);public.reject_outreach_email(uuid, text);public.approve_outreach_emails(uuid[]);public.reject_outreach_emails(uuid[], text);private.decide_outreach_emails(uuid, uuid[], text, text);private.tg__outreach_email_state();private.outreach_email_transitions()'
\ir lib/closed_functions.sql
do $$
begin
  if not has_function_privilege('authenticated', 'public.approve_outreach_email(uuid)', 'execute')
     or not has_function_privilege('authenticated', 'public.reject_outreach_email(uuid, text)', 'execute')
     or not has_function_privilege('authenticated', 'public.approve_outreach_emails(uuid[])', 'execute')
     or not has_function_privilege('authenticated', 'public.reject_outreach_emails(uuid[], text)', 'execute') then
    raise exception 'a client must be able to approve and reject its outreach e-mails';
  end if;
  if not exists (select from pg_trigger where tgname = 'outreach_emails_state'
                  and tgrelid = 'public.outreach_emails'::regclass) then
    raise exception 'the outreach e-mail state trigger is missing';
  end if;
  perform approved_at, rejected_at, delivered_at, bounced_at from public.outreach_emails where false;
end
$$;
