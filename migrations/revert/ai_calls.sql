-- Revert avenir:ai_calls from pg
begin;
drop function if exists public.annotate_prompt_execution(text, jsonb);
drop function if exists public.active_prompt(text, text);
delete from public.prompt_registry
 where variant_id in ('lead_analysis.chat.v1.en', 'lead_analysis.chat.v1.fr', 'email_reply.chat.v1.en',
                      'email_reply.chat.v1.fr')
   and not exists (select 1 from public.prompt_performance p where p.prompt_registry_id = prompt_registry.id);
commit;
