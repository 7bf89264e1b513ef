-- A committed change of a tenant's collaborations is announced with the tenant's id, so every
-- replica drops what it keeps of who collaborates on something (see CollaborationsService.sharedWith).
-- notify_tenant_change(channel) serves any tenant table whose rows a process keeps this way.
create function notify_tenant_change() returns trigger language plpgsql as $$
begin
  perform pg_notify(tg_argv[0], coalesce(new.tenant_id, old.tenant_id)::text);
  return null;
end $$;

create trigger collaborations_notify after insert or update or delete on collaborations
  for each row execute function notify_tenant_change('collaborations');
