-- supersedes: 2864e8fed267afb5090c7e8b290c11e8e4a0d417b6b818d66cf5f7eff59c454a
-- Custom fields of leads and contacts (the tables come from @crm/records' migrations).
alter table custom_fields add constraint custom_fields_resource_check check (resource in ('lead', 'contact'));
