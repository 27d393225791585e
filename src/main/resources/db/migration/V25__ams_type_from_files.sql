-- Issue 17, item 6: AMS types come from the installed connector files (connectors/ams/*.kamelet.yaml and
-- connectors/ams/rest/*.yaml), not a list: a REST AMS added as a file must be storable without a migration. The
-- admin API accepts only installed types; the database keeps the form every type name has.
alter table ams_connection drop constraint ams_connection_ams_type_check;
alter table ams_connection add constraint ams_connection_ams_type_check
    check (ams_type ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(ams_type) <= 32);
