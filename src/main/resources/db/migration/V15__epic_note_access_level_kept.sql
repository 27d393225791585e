-- Applied Epic notes were written with access level "6" whenever a connection named none. Levels are
-- agency-configured, so the hub now takes the agency's choice (admin API connection test) or its "General" level
-- from its own list. Connections saved before that keep exactly what they had: their "6" becomes an explicit
-- setting an admin sees and can change. updated_at is left alone so cached tokens stay valid.
update ams_connection
   set settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{noteAccessLevelId}', '"6"'::jsonb)
 where ams_type = 'applied-epic'
   and coalesce(settings ->> 'noteAccessLevelId', '') = '';
