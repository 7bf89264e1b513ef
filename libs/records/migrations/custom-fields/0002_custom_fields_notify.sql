-- A committed change of a tenant's custom field definitions is announced with the tenant's id, so
-- every replica drops its cached catalog of that tenant (see CustomFieldsService.catalog).
create function custom_fields_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('custom_fields', coalesce(new.tenant_id, old.tenant_id)::text);
  return null;
end $$;

create trigger custom_fields_notify after insert or update or delete on custom_fields
  for each row execute function custom_fields_notify();
