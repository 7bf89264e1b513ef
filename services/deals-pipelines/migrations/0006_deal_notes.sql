-- supersedes: 7f5a91e1b6fa18e8b42e78b5387be857ed8121147486662c4ee98cce8072654b
-- Notes on deals (the table comes from @crm/records' migrations). Their ids start at 10^15, above
-- every id leads-contacts gives its notes, so the gateway finds a note's service by its id (see
-- docs/decisions/0016-notes-across-services.md).
alter table notes add constraint notes_resource_type_check check (resource_type = 'deal');
alter table notes add constraint notes_resource_id_fkey foreign key (resource_id) references deals (id) on delete cascade;
alter table notes alter column id set start with 1000000000000000 restart;
