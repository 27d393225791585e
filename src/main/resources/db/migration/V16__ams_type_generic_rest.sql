-- Issue 15, item 3: EZLynx gets its own connector (connectors/ams/ezlynx.kamelet.yaml); the declarative REST
-- connector it was configured as stays for AMSs that fit it, under its own AMS type 'generic-rest'.
alter table ams_connection drop constraint ams_connection_ams_type_check;
alter table ams_connection add constraint ams_connection_ams_type_check
    check (ams_type in ('ams360', 'applied-epic', 'ezlynx', 'generic-rest'));
