-- Lead and contact collaborators (the table comes from @crm/records' migrations). A deleted lead or
-- contact takes its collaborations with it, whichever path deletes it.
alter table collaborations add constraint collaborations_resource_type_check check (resource_type in ('lead', 'contact'));

create function delete_record_collaborations() returns trigger language plpgsql as $$
begin
  delete from collaborations c using old_records o where c.resource_type = tg_argv[0] and c.resource_id = o.id;
  return null;
end $$;

create trigger leads_collaborations_delete after delete on leads
  referencing old table as old_records for each statement execute function delete_record_collaborations('lead');
create trigger contacts_collaborations_delete after delete on contacts
  referencing old table as old_records for each statement execute function delete_record_collaborations('contact');
