-- Devices also copy the tenant's users (visible to every member: no owner) and the notes of the
-- records they see (the note's owner is its record's). A note remembers its record, so the
-- record's deletion and changes of owner reach it: the record services publish no note events
-- for them.
alter table sync_objects drop constraint sync_objects_type_check;
alter table sync_objects add constraint sync_objects_type_check check (type in ('lead', 'contact', 'deal', 'note', 'user'));
alter table sync_objects add column parent_type text, add column parent_id bigint;
create index sync_objects_parent on sync_objects (tenant_id, parent_type, parent_id) where parent_type is not null;
