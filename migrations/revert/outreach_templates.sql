-- Revert avenir:outreach_templates from pg
begin;
drop function if exists public.render_template(uuid, jsonb);
drop function if exists private.fill_template(text, jsonb, boolean);
drop trigger if exists email_templates_check_placeholders on public.email_templates;
drop function if exists private.tg__check_email_template();
drop function if exists private.html_escape(text);
drop function if exists private.template_declared_variables(jsonb);
drop function if exists private.template_placeholder_pattern();
commit;
