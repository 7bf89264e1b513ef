-- supersedes: b6f7905205b0b4946d598f64d4d3ff17e68e6a793d81763011efd2e4156f41ea
-- Notes on leads and contacts (the table comes from @crm/records' migrations).
alter table notes add constraint notes_resource_type_check check (resource_type in ('lead', 'contact'));

-- Tag filters on record lists (tags @> array[...]).
create index leads_tags on leads using gin (tags);
create index contacts_tags on contacts using gin (tags);
