-- Verify avenir:outreach_templates on pg
\set functions 'public.render_template(uuid, jsonb);private.fill_template(text, jsonb, boolean);private.tg__check_email_template()'
\ir lib/closed_functions.sql
do $$
begin
  if has_function_privilege('authenticated', 'public.render_template(uuid, jsonb)', 'execute') then
    raise exception 'render_template is the outreach engine''s (service_role)';
  end if;
end
$$;
